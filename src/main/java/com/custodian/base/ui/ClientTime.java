package com.custodian.base.ui;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.server.VaadinSession;

/**
 * Dates and times in the viewer's locale and time zone, as their browser reports them. Where the
 * browser has not said, times show in UTC with the zone named, so they are never ambiguous.
 */
public final class ClientTime {

    private ClientTime() {
    }

    /** The date and time, in the viewer's zone and locale; empty for null. */
    public static String format(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZoneId zone = zone();
        Locale locale = locale();
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder()
                .appendLocalized(FormatStyle.MEDIUM, FormatStyle.SHORT);
        if (zone.equals(ZoneOffset.UTC)) {
            builder.appendLiteral(" UTC");
        }
        DateTimeFormatter formatter = builder.toFormatter(locale).withZone(zone);
        return formatter.format(instant);
    }

    /** The date alone, in the viewer's zone and locale; empty for null. */
    public static String formatDate(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone()).format(instant);
    }

    /** The viewer's time zone, or UTC when the browser has not reported one. */
    public static ZoneId zone() {
        UI ui = UI.getCurrent();
        ExtendedClientDetails details = ui == null ? null : ui.getPage().getExtendedClientDetails();
        if (details == null || details.getTimeZoneId() == null || details.getTimeZoneId().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(details.getTimeZoneId());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * The locale dates and numbers are written in: the console's language for the viewer, with the
     * regional conventions of their browser when it speaks that language (de-AT, en-GB, fr-CH).
     */
    public static Locale locale() {
        UI ui = UI.getCurrent();
        Locale language = ui != null ? ui.getLocale() : Locale.ENGLISH;
        return com.custodian.base.i18n.Languages.forFormatting(language,
                LanguageSelection.requested(VaadinSession.getCurrent()));
    }
}
