package io.toggltasksync.source.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toggltasksync.source.csv.CsvMapping.Entry;
import io.toggltasksync.source.csv.CsvMapping.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The language of csv.columns and the presets: what it reads, and every mistake said plainly. */
class CsvMappingTest {

    @Test
    void entriesKeepTheColumnAsSpelledTrimmed() {
        CsvMapping m = CsvMapping.parse(" external_id = Task ID , NAME=Name,estimate_minutes=Time (min)?, done=Status: Done | Won't do ,done=Archived");

        assertThat(m.entries()).containsExactly(
                new Entry(Field.EXTERNAL_ID, "Task ID", false, List.of()),
                new Entry(Field.NAME, "Name", false, List.of()),
                new Entry(Field.ESTIMATE_MINUTES, "Time (min)", true, List.of()),
                new Entry(Field.DONE, "Status", false, List.of("Done", "Won't do")),
                new Entry(Field.DONE, "Archived", false, List.of()));
        assertThat(m.entry(Field.EXTERNAL_ID).columnKey()).isEqualTo("task id");
        assertThat(m.toString()).isEqualTo("external_id=Task ID, name=Name, estimate_minutes=Time (min)?, done=Status:Done|Won't do, done=Archived");
        assertThat(m.missingRequired()).isEmpty();
        assertThat(CsvMapping.parse("name=Title").missingRequired()).containsExactly("external_id");
    }

    @Test
    void mistakesAreSaid() {
        assertThatThrownBy(() -> CsvMapping.parse("external_id")).hasMessage("expected field=Column, got 'external_id'");
        assertThatThrownBy(() -> CsvMapping.parse("title=Title")).hasMessageStartingWith("unknown field 'title': expected external_id, name,");
        assertThatThrownBy(() -> CsvMapping.parse("name=")).hasMessage("no column for name");
        assertThatThrownBy(() -> CsvMapping.parse(" , ")).hasMessage("no field=Column entries");
        assertThatThrownBy(() -> CsvMapping.parse("name=Title:x")).hasMessage("only done takes values (done=Status:Done|Closed), got 'name=Title:x'");
        assertThatThrownBy(() -> CsvMapping.parse("done=Status:|")).hasMessage("no values after ':' in 'done=Status:|'");
        assertThatThrownBy(() -> CsvMapping.parse("name=A,name=B")).hasMessage("name is given twice");
        assertThatThrownBy(() -> CsvMapping.parse("done=Status,active=Active")).hasMessage("done and active cannot both be given");
    }

    @Test
    void aProjectIdAndAProjectNameColumnMayBothBeGiven() {
        assertThat(CsvMapping.parse("project=Team,project_id=Pid").entries()).hasSize(2);
    }

    @Test
    void aMappingOnTopOfAnotherReplacesTheGroupsItNames() {
        CsvMapping base = CsvPreset.LINEAR.mapping();

        CsvMapping merged = CsvMapping.parse("estimate_hours=Estimate, done=Status:Done").over(base);

        assertThat(merged.toString()).isEqualTo("external_id=ID, name=Title, name_prefix=ID, project=Team, estimate_hours=Estimate, done=Status:Done");
        assertThat(CsvMapping.parse("project=Board").over(base).entry(Field.PROJECT).column()).isEqualTo("Board");
        // a project id column comes on top of the project name column: a row's id wins, else its name
        assertThat(CsvMapping.parse("project_id=Pid").over(base).entry(Field.PROJECT).column()).isEqualTo("Team");
    }

    @Test
    void presetsAreRecognisedByWhatTheirMappingNeedsAndTheirExtraColumns() {
        assertThat(CsvPreset.ASANA.recognisedBy()).containsExactly("Task ID", "Name", "Completed At", "Created At");
        assertThat(CsvPreset.GITHUB_PROJECTS.recognisedBy()).containsExactly("URL", "Title", "Assignees", "Status");
        assertThat(CsvPreset.GENERIC.recognisedBy()).containsExactly("external_id", "name");
        assertThat(CsvPreset.JIRA.recognisedBy()).containsExactly("Issue key");
        // never a provider value of Toggl's own integrations (asana, github, linear, ...)
        assertThat(CsvPreset.ALL).extracting(p -> p.provider().id())
                .containsExactly("jira", "csv-asana", "csv-linear", "csv-github-projects", "csv");
    }
}
