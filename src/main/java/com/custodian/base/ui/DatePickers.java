package com.custodian.base.ui;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.WeekFields;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;

/**
 * Date pickers in the viewer's language: month and day names, the first day of the week, the
 * buttons of the calendar, and the date format of their region. (The components know only their
 * format from a locale; their words are English unless given.)
 */
public final class DatePickers {

    private DatePickers() {
    }

    public static DatePicker localize(DatePicker picker) {
        picker.setLocale(ClientTime.locale());
        picker.setI18n(i18n(picker));
        return picker;
    }

    public static DateTimePicker localize(DateTimePicker picker) {
        picker.setLocale(ClientTime.locale());
        picker.setDatePickerI18n(i18n(picker));
        picker.setI18n(new DateTimePicker.DateTimePickerI18n()
                .setDateLabel(picker.getTranslation("date-picker.date"))
                .setTimeLabel(picker.getTranslation("date-picker.time"))
                .setBadInputErrorMessage(picker.getTranslation("date-picker.bad-input"))
                .setIncompleteInputErrorMessage(picker.getTranslation("date-picker.incomplete")));
        return picker;
    }

    /**
     * The words of the calendar, by the region's locale and the reader's language: made once for
     * each, and shared by every picker (a picker keeps the object it is given; nothing may change it
     * through {@code getI18n()}). Bounded, as the region comes from the browser: it starts again
     * beyond {@value #I18N_KEPT}.
     */
    private static final Map<List<Locale>, DatePicker.DatePickerI18n> I18N = new ConcurrentHashMap<>();
    private static final int I18N_KEPT = 200;

    private static DatePicker.DatePickerI18n i18n(com.vaadin.flow.component.Component picker) {
        // The words are translated in the page's language, as the picker's own getTranslation would.
        UI ui = UI.getCurrent();
        Locale language = ui == null ? Locale.ROOT : ui.getLocale();
        if (I18N.size() > I18N_KEPT) {
            I18N.clear();
        }
        return I18N.computeIfAbsent(List.of(ClientTime.locale(), language), key -> words(picker));
    }

    private static DatePicker.DatePickerI18n words(com.vaadin.flow.component.Component picker) {
        Locale locale = ClientTime.locale();
        // The component's lists start on Sunday.
        List<DayOfWeek> week = List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        return new DatePicker.DatePickerI18n()
                .setMonthNames(Arrays.stream(Month.values())
                        .map(month -> month.getDisplayName(TextStyle.FULL_STANDALONE, locale)).toList())
                .setWeekdays(week.stream().map(day -> day.getDisplayName(TextStyle.FULL_STANDALONE, locale)).toList())
                .setWeekdaysShort(week.stream().map(day -> day.getDisplayName(TextStyle.SHORT_STANDALONE, locale))
                        .toList())
                .setFirstDayOfWeek(WeekFields.of(locale).getFirstDayOfWeek().getValue() % 7)
                .setToday(picker.getTranslation("date-picker.today"))
                .setCancel(picker.getTranslation("date-picker.cancel"))
                .setBadInputErrorMessage(picker.getTranslation("date-picker.bad-input"));
    }
}
