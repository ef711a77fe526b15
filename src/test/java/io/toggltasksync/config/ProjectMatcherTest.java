package io.toggltasksync.config;

import io.toggltasksync.config.ProjectMatcher.Match;
import io.toggltasksync.config.ProjectMatcher.Result;
import io.toggltasksync.config.ProjectMatcher.Via;
import io.toggltasksync.model.SourceProject;
import io.toggltasksync.model.TogglProject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectMatcherTest {

    private static final ProjectMatchRule DEFAULT = ProjectMatchRule.parse(ProjectMatchRule.DEFAULT);

    private static SourceProject jira(String key, String name) {
        return new SourceProject(key, name);
    }

    private static TogglProject active(long id, String name) {
        return new TogglProject(id, name, true);
    }

    private static Result match(Map<String, Long> map, List<SourceProject> jira, TogglProject... toggl) {
        return ProjectMatcher.match(DEFAULT, map, jira, List.of(toggl));
    }

    // ---------------------------------------------------------------- the rule

    @Test
    void aMapEntryWinsOverAProjectNamedByTheKey() {
        Result r = match(Map.of("ABC", 9L), List.of(jira("ABC", "Alpha")), active(1, "ABC"));
        assertThat(r.matched()).containsExactly(Map.entry("ABC", new Match("ABC", 9, null, Via.MAP)));
        assertThat(r.refused()).isFalse();
    }

    @Test
    void theKeyMatchesTrimmedAndCaseInsensitive() {
        Result r = match(Map.of(), List.of(jira(" ABC ", null)), active(1, "Other"), active(2, " abc "));
        assertThat(r.projectOf("ABC")).contains(2L);
        assertThat(r.matched().get("ABC").via()).isEqualTo(Via.KEY);
    }

    @Test
    void nameAndKeyMatchWhenNoProjectIsNamedByTheKey() {
        Result r = match(Map.of(), List.of(jira("ABC", " Alpha Team ")), active(1, "alpha team (abc)"), active(2, "Alpha Team"));
        assertThat(r.projectOf("ABC")).contains(1L);
        assertThat(r.matched().get("ABC").via()).isEqualTo(Via.NAME_KEY);
    }

    @Test
    void theKeyComesBeforeNameAndKeyByDefaultAndTheRuleOrderIsKept() {
        List<SourceProject> jira = List.of(jira("ABC", "Alpha"));
        TogglProject byKey = active(1, "ABC");
        TogglProject byName = active(2, "Alpha (ABC)");
        assertThat(match(Map.of(), jira, byName, byKey).projectOf("ABC")).contains(1L);
        Result reversed = ProjectMatcher.match(ProjectMatchRule.parse("name-key,key"), Map.of(), jira, List.of(byKey, byName));
        assertThat(reversed.projectOf("ABC")).contains(2L);
        Result keyOnly = ProjectMatcher.match(ProjectMatchRule.parse("key"), Map.of(), List.of(jira("XYZ", "Alpha")),
                List.of(active(3, "Alpha (XYZ)")));
        assertThat(keyOnly.unmatched()).containsExactly("XYZ");
    }

    @Test
    void offMatchesNothingButTheMap() {
        Result r = ProjectMatcher.match(ProjectMatchRule.parse("off"), Map.of("DEF", 5L),
                List.of(jira("ABC", "Alpha"), jira("DEF", null)), List.of(active(1, "ABC")));
        assertThat(r.matched()).containsOnlyKeys("DEF");
        assertThat(r.unmatched()).containsExactly("ABC");
    }

    @Test
    void aProjectWithoutANameIsMatchedByItsKeyOnly() {
        Result r = match(Map.of(), List.of(jira("ABC", "  ")), active(1, " (ABC)"), active(2, "(ABC)"));
        assertThat(r.unmatched()).containsExactly("ABC");
        assertThat(r.refused()).isFalse();
    }

    @Test
    void aKeySeenInManyRecordsIsMatchedOnceWithItsFirstName() {
        Result r = match(Map.of(), List.of(jira("ABC", null), jira("ABC", "Alpha"), jira("ABC", "Renamed"), jira(" ", "x")),
                active(1, "Alpha (ABC)"));
        assertThat(r.matched()).containsOnlyKeys("ABC");
        assertThat(r.projectOf("ABC")).contains(1L);
        assertThat(r.unmatched()).isEmpty();
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aNameSeveralProjectsShareIsRefusedNamingThem() {
        Result r = match(Map.of(), List.of(jira("ABC", "Alpha")), active(1, "ABC"), new TogglProject(2, "abc", false));
        assertThat(r.refused()).isTrue();
        assertThat(r.refusals()).singleElement().asString()
                .contains("Jira project ABC", "'ABC' (id 1)", "'abc' (id 2, archived)", "toggl.project-map");
        assertThat(r.matched()).isEmpty();
        assertThat(r.unmatched()).isEmpty();
    }

    @Test
    void anAmbiguousNameAndKeyIsRefusedToo() {
        Result r = match(Map.of(), List.of(jira("ABC", "Alpha")), active(1, "Alpha (ABC)"), active(2, "ALPHA (ABC)"));
        assertThat(r.refusals()).singleElement().asString().contains("'Alpha (ABC)'", "id 1", "id 2");
    }

    @Test
    void twoSourceProjectsResolvingToOneTogglProjectAreRefusedNamingBoth() {
        Result r = match(Map.of(), List.of(jira("ABC", "Shared"), jira("SHARED", null)),
                active(1, "Shared (ABC)"), active(7, "shared"));
        assertThat(r.refused()).isFalse();

        // a CSV's keys are free text: two spellings of one key both find the project named by it
        Result clash = match(Map.of(), List.of(jira("ABC", "Alpha"), jira("abc ", null)), active(1, "Abc"));
        assertThat(clash.refusals()).singleElement().asString().contains("ABC (by key)", "abc (by key)", "'Abc' (id 1)");
        assertThat(clash.refused()).isTrue();
    }

    @Test
    void aMapEntryAndARuleMatchOnOneProjectAreRefusedButTwoMapEntriesAreAChoice() {
        Result mixed = match(Map.of("ABC", 1L), List.of(jira("ABC", null), jira("DEF", null)), active(1, "DEF"));
        assertThat(mixed.refusals()).singleElement().asString().contains("ABC (by toggl.project-map)", "DEF (by key)", "'DEF' (id 1)");

        Result chosen = match(Map.of("ABC", 1L, "DEF", 1L), List.of(jira("ABC", null), jira("DEF", null)), active(1, "X"));
        assertThat(chosen.refused()).isFalse();
        assertThat(chosen.projectOf("DEF")).contains(1L);
    }

    // ---------------------------------------------------------------- archived

    @Test
    void anArchivedMatchSkipsTheKeyWithAReason() {
        Result r = match(Map.of(), List.of(jira("ABC", "Alpha"), jira("DEF", null)),
                new TogglProject(1, "Alpha (ABC)", false), active(2, "DEF"));
        assertThat(r.matched()).containsOnlyKeys("DEF");
        assertThat(r.projectOf("ABC")).isEmpty();
        assertThat(r.skipped()).containsOnlyKeys("ABC");
        assertThat(r.skipped().get("ABC")).contains("'Alpha (ABC)'", "id 1", "archived", "Jira project ABC");
        assertThat(r.unmatched()).isEmpty();
    }

    @Test
    void aMapEntryIsTakenAsGivenEvenWhenTheListShowsItArchived() {
        Result r = match(Map.of("ABC", 1L), List.of(jira("ABC", null)), new TogglProject(1, "Old", false));
        assertThat(r.projectOf("ABC")).contains(1L);
        assertThat(r.matched().get("ABC").projectName()).isEqualTo("Old");
        assertThat(r.skipped()).isEmpty();
    }

    // ---------------------------------------------------------------- when to read, the setting

    @Test
    void theProjectListIsNeededOnlyForAnUnmappedKeyWithTheRuleOn() {
        List<SourceProject> jira = List.of(jira("ABC", null), jira(" ", null), jira(null, "x"));
        assertThat(ProjectMatcher.needsProjectList(DEFAULT, Map.of(), jira)).isTrue();
        assertThat(ProjectMatcher.needsProjectList(DEFAULT, Map.of("ABC", 1L), jira)).isFalse();
        assertThat(ProjectMatcher.needsProjectList(ProjectMatchRule.parse("off"), Map.of(), jira)).isFalse();
        assertThat(ProjectMatcher.needsProjectList(DEFAULT, Map.of(), List.of())).isFalse();
    }

    @Test
    void theSettingReadsOffAndListsOfFormsAndRefusesTheRest() {
        assertThat(DEFAULT.forms()).containsExactly(ProjectMatchRule.Form.KEY, ProjectMatchRule.Form.NAME_KEY);
        assertThat(ProjectMatchRule.parse(" OFF ").off()).isTrue();
        assertThat(ProjectMatchRule.parse(" Name-Key , key").toString()).isEqualTo("name-key,key");
        assertThatThrownBy(() -> ProjectMatchRule.parse("key,name")).hasMessageContaining("unknown 'name'");
        assertThatThrownBy(() -> ProjectMatchRule.parse("key,KEY")).hasMessageContaining("'key' given twice");
        assertThatThrownBy(() -> ProjectMatchRule.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProjectMatchRule.parse("key,,name-key")).hasMessageContaining("unknown ''");
    }

    @Test
    void aMapEntryNotSeenInThisReadStillClaimsItsProject() {
        // an incremental read sees only DEF, new; ABC, mapped to project 5, did not change: DEF must not land on 5 by name
        Result r = match(Map.of("ABC", 5L), List.of(jira("DEF", null)), active(5, "DEF"));

        assertThat(r.refused()).isTrue();
        assertThat(r.refusals().get(0)).contains("ABC").contains("DEF");
    }
}
