package com.custodian.users;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.custodian.base.export.ExportFormat;
import com.custodian.base.export.TableWriter;
import com.custodian.base.i18n.Languages;
import com.custodian.base.i18n.Text;
import com.custodian.base.personaldata.DataSubject;
import com.custodian.base.personaldata.Erased;
import com.custodian.base.personaldata.ExportBundle;
import com.custodian.base.personaldata.Holding;
import com.custodian.base.personaldata.PersonalData;
import com.custodian.security.Permission;

/** The console language a person chose is theirs: found, exported and erased with the rest. */
@Component
class LanguagePreferencePersonalData implements PersonalData {

    static final String CATEGORY = "preferences";
    private static final String MANAGE = "hasRole('" + Permission.Names.MANAGE_DATA_REQUESTS + "')";

    private final LanguagePreferenceRepository preferences;

    LanguagePreferencePersonalData(LanguagePreferenceRepository preferences) {
        this.preferences = preferences;
    }

    @Override
    public String category() {
        return CATEGORY;
    }

    @Override
    public Set<String> tables() {
        return Set.of("language_preference");
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public Holding find(DataSubject subject) {
        List<LanguagePreference> found = found(subject);
        return new Holding(CATEGORY, found.size(), found.stream()
                .map(preference -> Text.of("requests.holding.language-preference", preference.getObjectId().toString(),
                        Languages.supported(preference.getLanguage()).map(Languages::nativeName)
                                .orElse(preference.getLanguage())))
                .toList());
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(readOnly = true)
    public void export(DataSubject subject, ExportBundle bundle) {
        List<LanguagePreference> found = found(subject);
        bundle.file("preferences.csv", out -> {
            try (TableWriter csv = TableWriter.open(ExportFormat.CSV, List.of("objectId", "language", "chosenAt"), out)) {
                found.forEach(preference -> csv.row(List.of(preference.getObjectId().toString(),
                        preference.getLanguage(), preference.getChosenAt().toString())));
            }
        });
        bundle.count("preferences", found.size());
        bundle.included(Text.of("requests.export.included.preferences"));
    }

    @Override
    @PreAuthorize(MANAGE)
    @Transactional(propagation = Propagation.MANDATORY)
    public Erased erase(DataSubject subject) {
        Set<UUID> objectIds = objectIds(subject);
        int erased = objectIds.isEmpty() ? 0 : preferences.deleteByObjectIds(objectIds);
        return new Erased(CATEGORY, Map.of("languagePreferences", (long) erased));
    }

    private List<LanguagePreference> found(DataSubject subject) {
        Set<UUID> objectIds = objectIds(subject);
        return objectIds.isEmpty() ? List.of() : preferences.findByObjectIdIn(objectIds);
    }

    private static Set<UUID> objectIds(DataSubject subject) {
        return switch (subject) {
            case DataSubject.Person person -> person.objectIds();
            case DataSubject.Devices devices -> Set.of();
        };
    }
}
