package io.tidewater.local.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reliability invariant of issue 10 over what a {@link PipelineProbe} sees: every sent report is committed exactly
 * once, with as many rows as its source, or sits in a dead-letter queue with a reason; no idempotency key appears twice
 * in the table's snapshot ancestry.
 */
public final class ExactlyOnceCheck {

    /** What became of one sent report. */
    public record Outcome(
            SentReport report, int commits, long rowsCommitted, Optional<PipelineProbe.DeadLetter> deadLetter) {
        boolean committed() {
            return commits > 0;
        }

        boolean deadLettered() {
            return !committed()
                    && deadLetter.filter(letter -> letter.reason() != null).isPresent();
        }

        boolean lost() {
            return !committed() && !deadLettered();
        }
    }

    /** The check's figures and every finding that breaks the invariant. */
    public record Verdict(
            int sent,
            int committed,
            int deadLettered,
            int duplicates,
            int lost,
            List<Outcome> outcomes,
            List<String> violations,
            List<String> notes) {

        /** The one summary line the suite prints. */
        public String summary() {
            return "FAULTS sent=%d committed=%d dlq=%d duplicates=%d lost=%d"
                    .formatted(sent, committed, deadLettered, duplicates, lost);
        }

        public boolean settled() {
            return lost == 0;
        }
    }

    private ExactlyOnceCheck() {}

    /**
     * Checks the reports against the table and the dead-letter queues.
     *
     * @param competingRows rows a competing writer committed to the same table, which the total must also hold
     */
    public static Verdict check(
            Collection<SentReport> reports,
            PipelineProbe.TableState table,
            List<PipelineProbe.DeadLetter> deadLetters,
            long competingRows) {
        Map<String, List<PipelineProbe.Commit>> commitsByKey = table.ancestry().stream()
                .filter(commit -> commit.idempotencyKey() != null)
                .collect(Collectors.groupingBy(
                        PipelineProbe.Commit::idempotencyKey, LinkedHashMap::new, Collectors.toList()));
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int duplicates = 0;
        for (Map.Entry<String, List<PipelineProbe.Commit>> entry : commitsByKey.entrySet()) {
            if (entry.getValue().size() > 1) {
                duplicates += entry.getValue().size() - 1;
                violations.add("idempotency key %s appears %d times in the snapshot ancestry: %s"
                        .formatted(
                                entry.getKey(),
                                entry.getValue().size(),
                                entry.getValue().stream()
                                        .map(PipelineProbe.Commit::snapshotId)
                                        .toList()));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        long expectedTotal = competingRows;
        for (SentReport report : reports) {
            List<PipelineProbe.Commit> commits = commitsByKey.getOrDefault(report.idempotencyKey(), List.of());
            long rows = commits.stream()
                    .mapToLong(PipelineProbe.Commit::addedRecords)
                    .sum();
            Optional<PipelineProbe.DeadLetter> deadLetter = deadLetters.stream()
                    .filter(letter -> letter.body().contains(report.checksumKey())
                            || letter.body().contains(report.idempotencyKey()))
                    .min((left, right) -> Boolean.compare(left.reason() == null, right.reason() == null));
            Outcome outcome = new Outcome(report, commits.size(), rows, deadLetter);
            outcomes.add(outcome);
            if (outcome.committed()) {
                expectedTotal += rows;
                if (commits.size() == 1 && rows != report.rows()) {
                    violations.add("report %s committed %d rows, its source has %d"
                            .formatted(report.idempotencyKey(), rows, report.rows()));
                }
                deadLetter.ifPresent(letter -> notes.add("report %s is committed and also on %s (%s)"
                        .formatted(report.idempotencyKey(), letter.queue(), letter.reason())));
            } else if (outcome.lost()) {
                violations.add(
                        deadLetter.isPresent()
                                ? "report %s is not committed and sits on %s without a reason"
                                        .formatted(
                                                report.idempotencyKey(),
                                                deadLetter.get().queue())
                                : "report %s is neither committed nor dead-lettered"
                                        .formatted(report.idempotencyKey()));
            }
        }
        long competingCommitted = table.ancestry().stream()
                .filter(commit -> commit.competingWriter() != null)
                .mapToLong(PipelineProbe.Commit::addedRecords)
                .sum();
        if (competingCommitted != competingRows) {
            violations.add("the competing writer committed %d rows, the table's ancestry holds %d of them"
                    .formatted(competingRows, competingCommitted));
        }
        if (table.totalRecords() != expectedTotal) {
            violations.add("the table holds %d rows, the committed reports and the competing writer account for %d"
                    .formatted(table.totalRecords(), expectedTotal));
        }
        deadLetters.stream()
                .filter(letter -> outcomes.stream()
                        .noneMatch(outcome ->
                                outcome.deadLetter().filter(letter::equals).isPresent()))
                .forEach(letter -> notes.add("on %s: %s"
                        .formatted(letter.queue(), letter.reason() == null ? "(no reason)" : letter.reason())));
        int committed = (int) outcomes.stream().filter(Outcome::committed).count();
        int deadLettered = (int) outcomes.stream().filter(Outcome::deadLettered).count();
        int lost = (int) outcomes.stream().filter(Outcome::lost).count();
        return new Verdict(
                reports.size(),
                committed,
                deadLettered,
                duplicates,
                lost,
                List.copyOf(outcomes),
                List.copyOf(violations),
                List.copyOf(notes));
    }
}
