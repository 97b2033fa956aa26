namespace Ory.Identity.Storage.Sqlite;

/// <summary>One numbered step of the schema. Applied once, in order, in a transaction with its <c>schema_migrations</c> row.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);

/// <summary>The schema of the SQLite stores, as numbered migrations. Append new steps; never edit a released one.</summary>
internal static class SqliteMigrations
{
    /// <summary>Every migration, ascending by version, numbered 1, 2, 3, … without gaps.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "identities", """
            -- Ids are 16-byte BLOBs in RFC 4122 (big-endian) byte order, so ORDER BY id is GuidOrder (memcmp).
            -- document is the whole identity as Kratos JSON (OryIdentityJson); the other columns are indexed copies.
            CREATE TABLE identities (
                id              BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
                external_id     TEXT    UNIQUE,
                organization_id BLOB,
                schema_id       TEXT    NOT NULL,
                version         INTEGER NOT NULL DEFAULT 0,
                document        TEXT    NOT NULL
            );
            CREATE INDEX identities_organization_id ON identities (organization_id, id);

            CREATE TABLE identity_credential_identifiers (
                type        TEXT NOT NULL,
                identifier  TEXT NOT NULL,
                identity_id BLOB NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                UNIQUE (type, identifier)
            );
            CREATE INDEX identity_credential_identifiers_identifier ON identity_credential_identifiers (identifier, identity_id);
            CREATE INDEX identity_credential_identifiers_identity_id ON identity_credential_identifiers (identity_id);

            CREATE TABLE identity_verifiable_addresses (
                via         TEXT NOT NULL,
                value       TEXT NOT NULL,
                identity_id BLOB NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                UNIQUE (via, value)
            );
            CREATE INDEX identity_verifiable_addresses_identity_id ON identity_verifiable_addresses (identity_id);

            CREATE TABLE identity_recovery_addresses (
                via         TEXT NOT NULL,
                value       TEXT NOT NULL,
                identity_id BLOB NOT NULL REFERENCES identities (id) ON DELETE CASCADE,
                UNIQUE (via, value)
            );
            CREATE INDEX identity_recovery_addresses_identity_id ON identity_recovery_addresses (identity_id);
            """),
        new(2, "recovery", """
            -- Instants are INTEGER microseconds since the Unix epoch.
            CREATE TABLE recovery_flows (
                id                    BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
                type                  TEXT    NOT NULL,
                active                TEXT    NOT NULL,
                state                 TEXT    NOT NULL,
                issued_at             INTEGER NOT NULL,
                expires_at            INTEGER NOT NULL,
                request_url           TEXT    NOT NULL,
                return_to             TEXT,
                identity_id           BLOB,
                recovered_identity_id BLOB,
                submit_count          INTEGER NOT NULL DEFAULT 0,
                version               INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX recovery_flows_identity_id ON recovery_flows (identity_id);
            CREATE INDEX recovery_flows_recovered_identity_id ON recovery_flows (recovered_identity_id);
            CREATE INDEX recovery_flows_expires_at ON recovery_flows (expires_at);

            CREATE TABLE recovery_secrets (
                id                  BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
                flow_id             BLOB    NOT NULL REFERENCES recovery_flows (id) ON DELETE CASCADE,
                identity_id         BLOB    NOT NULL,
                method              TEXT    NOT NULL,
                origin              TEXT    NOT NULL,
                hash                TEXT    NOT NULL,
                recovery_address_id BLOB,
                created_at          INTEGER NOT NULL,
                expires_at          INTEGER NOT NULL,
                used_at             INTEGER
            );
            CREATE INDEX recovery_secrets_flow_id ON recovery_secrets (flow_id, method, hash);
            CREATE INDEX recovery_secrets_identity_id ON recovery_secrets (identity_id);
            CREATE INDEX recovery_secrets_expires_at ON recovery_secrets (expires_at);
            """),
        new(3, "schema id index", """
            -- Listing by schema id (e.g. the service accounts of a machine schema) walks this index in id order.
            CREATE INDEX identities_schema_id ON identities (schema_id, id);
            """),
        new(4, "covering identifier lookup", """
            -- Finding an identity by (type, identifier) reads identity_id from this index alone, without the identifier row.
            CREATE INDEX identity_credential_identifiers_lookup ON identity_credential_identifiers (type, identifier, identity_id);
            """),
        new(5, "recovery message windows", """
            -- The recovery message rate limit: one fixed window per address, keyed by the address's keyed hash (never the
            -- address), shared by every process on the database. expires_at is INTEGER microseconds since the Unix epoch.
            CREATE TABLE recovery_message_windows (
                address_key TEXT    NOT NULL PRIMARY KEY,
                sent        INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL
            );
            CREATE INDEX recovery_message_windows_expires_at ON recovery_message_windows (expires_at);
            """),
        new(6, "sessions and self-service flows", """
            -- Sessions hold the keyed hash of their token, never the token. authentication_methods and devices are JSON
            -- arrays (Kratos's sessionAuthenticationMethod and sessionDevice). No foreign key to identities, as for the
            -- recovery flows: the identity manager deletes an identity's sessions and flows with it (DeleteByIdentityAsync).
            -- Instants are INTEGER microseconds since the Unix epoch; version counts writes (optimistic UpdateAsync).
            CREATE TABLE sessions (
                id                     BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
                identity_id            BLOB    NOT NULL CHECK (length(identity_id) = 16),
                token_hash             TEXT    NOT NULL UNIQUE,
                active                 INTEGER NOT NULL,
                expires_at             INTEGER NOT NULL,
                authenticated_at       INTEGER NOT NULL,
                issued_at              INTEGER NOT NULL,
                created_at             INTEGER NOT NULL,
                aal                    TEXT    NOT NULL,
                authentication_methods TEXT    NOT NULL,
                devices                TEXT    NOT NULL,
                version                INTEGER NOT NULL DEFAULT 0
            );
            -- An identity's sessions, newest first; the admin list's keyset (created_at, id) descending; the cleanup.
            CREATE INDEX sessions_identity_id ON sessions (identity_id, created_at, id);
            CREATE INDEX sessions_created_at ON sessions (created_at, id);
            CREATE INDEX sessions_expires_at ON sessions (expires_at);

            -- Login and settings flows: the columns every flow has, and the kind-specific rest as a JSON document kept
            -- byte for byte.
            CREATE TABLE self_service_flows (
                id          BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
                kind        TEXT    NOT NULL,
                type        TEXT    NOT NULL,
                state       TEXT    NOT NULL,
                issued_at   INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL,
                request_url TEXT    NOT NULL,
                identity_id BLOB,
                document    TEXT    NOT NULL,
                version     INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX self_service_flows_identity_id ON self_service_flows (identity_id);
            CREATE INDEX self_service_flows_expires_at ON self_service_flows (expires_at);
            """),
    ];

    /// <summary>The version a current schema is at.</summary>
    public static int Latest => All[^1].Version;
}
