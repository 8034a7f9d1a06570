package io.switchboard.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry's content, rebuilt from the {@code _schemas} topic and changed only by {@link #apply(LogRecord)}.
 * Rules: ids are global and never reused (the same schema text keeps its first id, under any subject); versions count
 * up per subject, soft-deleted ones included; the first record to claim an id for a schema wins, so every instance
 * that replays the same log ends in the same state. All methods are synchronized: one reader thread writes, HTTP
 * threads read.
 */
final class RegistryState {

    private final Map<String, TreeMap<Integer, LogRecord.SchemaVersion>> subjects = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    synchronized void apply(LogRecord record) {
        if (record instanceof LogRecord.SchemaVersion version) {
            applyVersion(version);
        } else if (record instanceof LogRecord.Config config) {
            if (config.subject() == null) {
                globalLevel = config.level();
            } else if (config.level() == null) {
                subjectLevels.remove(config.subject());
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        }
    }

    private void applyVersion(LogRecord.SchemaVersion version) {
        if (version.removed()) {
            TreeMap<Integer, LogRecord.SchemaVersion> versions = subjects.get(version.subject());
            if (versions != null) {
                versions.remove(version.version());
            }
            return;
        }
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    /** Subjects with at least one live version (or any version, when {@code includeDeleted}), sorted. */
    synchronized List<String> subjects(boolean includeDeleted) {
        TreeSet<String> names = new TreeSet<>();
        subjects.forEach((subject, versions) -> {
            if (versions.values().stream().anyMatch(v -> includeDeleted || !v.deleted())) {
                names.add(subject);
            }
        });
        return new ArrayList<>(names);
    }

    /** Every version of a subject, oldest first, soft-deleted ones included. */
    synchronized List<LogRecord.SchemaVersion> allVersions(String subject) {
        TreeMap<Integer, LogRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : new ArrayList<>(versions.values());
    }

    /** The live versions of a subject, oldest first. */
    synchronized List<LogRecord.SchemaVersion> liveVersions(String subject) {
        return allVersions(subject).stream().filter(v -> !v.deleted()).toList();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    /** The id a new schema text gets: one more than any id ever seen. */
    synchronized int nextId() {
        return maxId + 1;
    }

    /** The version number a new version of {@code subject} gets: one more than any version ever seen there. */
    synchronized int nextVersion(String subject) {
        TreeMap<Integer, LogRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    /** Every (subject, version) that uses schema {@code id}. */
    synchronized List<LogRecord.SchemaVersion> versionsUsing(int id, boolean includeDeleted) {
        List<LogRecord.SchemaVersion> uses = new ArrayList<>();
        new TreeMap<>(subjects).forEach((subject, versions) -> versions.values().stream()
                .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
                .forEach(uses::add));
        return uses;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The subject's own level, else the global one. */
    synchronized CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    /** Distinct schemas ever registered (ids are never reused). */
    synchronized int schemaCount() {
        return schemasById.size();
    }
}
