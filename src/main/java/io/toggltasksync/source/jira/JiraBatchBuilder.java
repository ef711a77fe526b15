package io.toggltasksync.source.jira;

import com.fasterxml.jackson.databind.JsonNode;

import io.toggltasksync.model.IdentityRule;
import io.toggltasksync.model.ProjectsToFind;
import io.toggltasksync.model.Provider;
import io.toggltasksync.model.SourceBatch;
import io.toggltasksync.model.SourceRejection;
import io.toggltasksync.model.SourceTask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accumulates the pages of one Jira search into a {@link SourceBatch}.
 *
 * <p>Issues are numbered 1, 2, ... in the order received, across pages (the number is the
 * record's {@code line}). Jira paging can return an issue twice when data changes between pages:
 * the first occurrence is kept and later ones are skipped (not rejected), counted in
 * {@link #duplicatesSkipped()}; such a read is incomplete ({@link JiraPaging#gap}). Not
 * thread-safe: one builder per pass of the search.
 */
public final class JiraBatchBuilder {

    private final String description;
    private final JiraIssueMapper mapper;
    private final List<SourceTask> tasks = new ArrayList<>();
    private final List<SourceRejection> rejections = new ArrayList<>();
    private final Set<String> projectKeys = new TreeSet<>();
    private final Set<String> seenKeys = new HashSet<>();
    private final ProjectsToFind.Builder projectsToFind = new ProjectsToFind.Builder();
    private long position;
    private int duplicatesSkipped;
    private String firstDuplicate;

    /** @param description e.g. {@link JiraSearch#description()} */
    public JiraBatchBuilder(String description, JiraIssueMapper mapper) {
        this.description = description;
        this.mapper = mapper;
    }

    public JiraBatchBuilder add(JiraPage page) {
        for (JsonNode issue : page.issues()) {
            add(issue);
        }
        return this;
    }

    private void add(JsonNode issue) {
        position++;
        JiraIssueMapper.Result result = mapper.map(issue, position);
        String key = result.issueKey();
        if (key != null && !seenKeys.add(key)) {
            duplicatesSkipped++;
            if (firstDuplicate == null) {
                firstDuplicate = key;
            }
            return;
        }
        if (result.projectKey() != null) {
            projectKeys.add(result.projectKey());
        }
        if (result instanceof JiraIssueMapper.Accepted accepted) {
            tasks.add(accepted.task());
            projectsToFind.task(accepted.task(), accepted.project());
        } else if (result instanceof JiraIssueMapper.Rejected rejected) {
            rejections.add(rejected.rejection());
        }
    }

    /** Issues received so far, duplicates included. */
    public long issuesReceived() {
        return position;
    }

    /** Issues skipped because their key had already been received. */
    public int duplicatesSkipped() {
        return duplicatesSkipped;
    }

    /** The key of the first issue received twice, null when none was. */
    public String firstDuplicate() {
        return firstDuplicate;
    }

    public SourceBatch build() {
        return new SourceBatch(description, Collections.unmodifiableList(new ArrayList<>(tasks)),
                Collections.unmodifiableList(new ArrayList<>(rejections)),
                IdentityRule.leadingKeys(Provider.JIRA, projectKeys), projectsToFind.build(), mapper.namesCleaned());
    }
}
