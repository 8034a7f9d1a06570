package io.switchboard.registry;

import io.switchboard.registry.CompatibilityChecker.VersionedSchema;
import io.switchboard.registry.LogRecord.SchemaVersion;
import io.switchboard.registry.SchemaLog.WritePlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The registry's rules for schemas and subjects, independent of HTTP. Rules: registering a schema already live under
 * the subject returns its id and writes nothing; otherwise the schema must pass the subject's compatibility level
 * against its live versions (409 and nothing stored when not), and gets the global id of an identical schema if one
 * exists, else a new id; deletes are soft (the id keeps resolving). A lookup that misses catches up with the topic and
 * looks again, so an instance answers for schemas another instance has just registered.
 */
final class SchemaRegistryService {

    private final RegistryState state;
    private final SchemaLog log;
    private final Map<String, Schema> parsed = new ConcurrentHashMap<>();

    SchemaRegistryService(RegistryState state, SchemaLog log) {
        this.state = state;
        this.log = log;
    }

    /** Registers {@code request} under {@code subject}; returns the schema's global id. */
    int register(String subject, SchemaRequest request) {
        return log.write(current -> {
            List<SchemaVersion> live = current.liveVersions(subject);
            for (SchemaVersion version : live) {
                if (version.schema().equals(request.canonical())) {
                    return WritePlan.nothing(version.id());
                }
            }
            List<String> problems = CompatibilityChecker.incompatibilities(
                    current.effectiveLevel(subject), request.schema(), newestFirst(live));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems.toString());
            }
            int id = current.idOf(request.canonical()).orElseGet(current::nextId);
            SchemaVersion version = new SchemaVersion(subject, current.nextVersion(subject), id,
                    request.canonical(), false);
            return WritePlan.of(List.of(version), id);
        });
    }

    /** The version of {@code subject} holding exactly this schema (newest if several). */
    SchemaVersion lookup(String subject, SchemaRequest request, boolean includeDeleted) {
        return fresh(() -> {
            List<SchemaVersion> versions = versionsOrNotFound(subject, includeDeleted);
            SchemaVersion match = null;
            for (SchemaVersion version : versions) {
                if (version.schema().equals(request.canonical())) {
                    match = version;
                }
            }
            if (match == null) {
                throw RegistryException.schemaNotFound();
            }
            return match;
        });
    }

    List<String> subjects(boolean includeDeleted) {
        return state.subjects(includeDeleted);
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return fresh(() -> versionsOrNotFound(subject, includeDeleted).stream().map(SchemaVersion::version).toList());
    }

    SchemaVersion version(String subject, String versionText, boolean includeDeleted) {
        VersionId id = VersionId.parse(versionText);
        return fresh(() -> find(subject, id, includeDeleted));
    }

    String schemaById(int id) {
        return fresh(() -> state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id)));
    }

    /** Every (subject, version) using schema {@code id}. */
    List<SchemaVersion> usesOf(int id, boolean includeDeleted) {
        return fresh(() -> {
            state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
            return state.versionsUsing(id, includeDeleted);
        });
    }

    /**
     * Why {@code request} could not follow {@code subject}'s versions (empty: it could). Without a version (or with
     * "latest") the check is the one registration makes; with a version number, against that version only.
     */
    List<String> incompatibilities(String subject, String versionText, SchemaRequest request) {
        VersionId id = versionText == null ? null : VersionId.parse(versionText);
        List<VersionedSchema> against = fresh(() -> {
            if (id == null) {
                return newestFirst(state.liveVersions(subject));
            }
            if (id.isLatest()) {
                return newestFirst(versionsOrNotFound(subject, false));
            }
            SchemaVersion version = find(subject, id, false);
            return List.of(new VersionedSchema(version.version(), parsed(version.schema())));
        });
        return CompatibilityChecker.incompatibilities(state.effectiveLevel(subject), request.schema(), against);
    }

    /** Soft-deletes every live version of {@code subject}; returns their numbers. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        refusePermanent(permanent);
        return log.write(current -> {
            if (current.allVersions(subject).isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = current.liveVersions(subject);
            if (live.isEmpty()) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            List<LogRecord> deletions = live.stream().map(SchemaRegistryService::softDeleted).map(LogRecord.class::cast)
                    .toList();
            return WritePlan.of(deletions, live.stream().map(SchemaVersion::version).toList());
        });
    }

    /** Soft-deletes one version; returns its number. */
    int deleteVersion(String subject, String versionText, boolean permanent) {
        VersionId id = VersionId.parse(versionText);
        refusePermanent(permanent);
        return log.write(current -> {
            SchemaVersion version = find(current, subject, id, true);
            if (version.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, version.version());
            }
            return WritePlan.of(List.of(softDeleted(version)), version.version());
        });
    }

    private static SchemaVersion softDeleted(SchemaVersion version) {
        return new SchemaVersion(version.subject(), version.version(), version.id(), version.schema(), true);
    }

    private static void refusePermanent(boolean permanent) {
        if (permanent) {
            throw RegistryException.operationNotPermitted(
                    "Permanent deletion is not offered by this registry: ids must keep resolving");
        }
    }

    private SchemaVersion find(String subject, VersionId id, boolean includeDeleted) {
        return find(state, subject, id, includeDeleted);
    }

    private static SchemaVersion find(RegistryState from, String subject, VersionId id, boolean includeDeleted) {
        List<SchemaVersion> all = from.allVersions(subject);
        List<SchemaVersion> visible = includeDeleted && !id.isLatest() ? all
                : all.stream().filter(v -> !v.deleted()).toList();
        if (all.isEmpty() || (id.isLatest() && visible.isEmpty())) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (id.isLatest()) {
            return visible.get(visible.size() - 1);
        }
        return visible.stream().filter(v -> v.version() == id.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(id.number()));
    }

    private List<SchemaVersion> versionsOrNotFound(String subject, boolean includeDeleted) {
        List<SchemaVersion> versions = includeDeleted ? state.allVersions(subject) : state.liveVersions(subject);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private List<VersionedSchema> newestFirst(List<SchemaVersion> oldestFirst) {
        List<VersionedSchema> schemas = new ArrayList<>(oldestFirst.size());
        for (SchemaVersion version : oldestFirst) {
            schemas.add(new VersionedSchema(version.version(), parsed(version.schema())));
        }
        Collections.reverse(schemas);
        return schemas;
    }

    private Schema parsed(String canonical) {
        return parsed.computeIfAbsent(canonical, SchemaRequest::parse);
    }

    /** Reads; on a 404 catches up with the topic once and reads again. */
    private <T> T fresh(Supplier<T> read) {
        try {
            return read.get();
        } catch (RegistryException e) {
            if (e.status() != 404) {
                throw e;
            }
            log.catchUp();
            return read.get();
        }
    }
}
