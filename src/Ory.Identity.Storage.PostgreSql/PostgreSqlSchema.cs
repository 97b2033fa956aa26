namespace Ory.Identity.Storage.PostgreSql;

/// <summary>
/// The schema, as migrations. Every statement is plain SQL that PostgreSQL (12+) and CockroachDB (22.2+) both run:
/// only <c>uuid</c>, <c>text</c>, <c>int</c>, <c>boolean</c>, <c>jsonb</c> and <c>timestamptz</c> columns, one stored generated
/// column (<c>GENERATED ALWAYS AS (…) STORED</c>, PostgreSQL 12+), named constraints, plain
/// B-tree indexes, <c>REFERENCES … ON DELETE CASCADE</c>; no sequences, triggers, functions, <c>DO</c> blocks,
/// operator classes, partial or expression indexes.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The version table; <c>IF NOT EXISTS</c> so every start may run it.</summary>
    public const string CreateVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version int NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";

    // Constraint names: the store maps a unique violation to the kind of value that clashed by these names.
    public const string IdentitiesPrimaryKey = "identities_pkey";
    public const string ExternalIdKey = "identities_external_id_key";
    public const string CredentialIdentifierKey = "identity_credential_identifiers_type_identifier_key";
    public const string VerifiableAddressKey = "identity_verifiable_addresses_via_value_key";
    public const string RecoveryAddressKey = "identity_recovery_addresses_via_value_key";
    public const string RecoveryFlowsPrimaryKey = "recovery_flows_pkey";
    public const string RecoverySecretsPrimaryKey = "recovery_secrets_pkey";
    public const string SessionsPrimaryKey = "sessions_pkey";
    public const string SessionsTokenHashKey = "sessions_token_hash_key";

    public static IReadOnlyList<PostgreSqlMigration> Migrations { get; } =
    [
        new(1, "identities and recovery",
        [
            // The identity document is the Identity's Kratos JSON (OryIdentityJson); the columns beside it are what
            // queries filter on. A UNIQUE constraint allows any number of NULL external ids, in both databases.
            """
            CREATE TABLE identities (
                id uuid NOT NULL,
                schema_id text NOT NULL,
                state text NOT NULL,
                external_id text NULL,
                organization_id uuid NULL,
                document jsonb NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                CONSTRAINT identities_pkey PRIMARY KEY (id),
                CONSTRAINT identities_external_id_key UNIQUE (external_id)
            )
            """,
            "CREATE INDEX identities_organization_id_idx ON identities (organization_id, id)",

            // One row per (credential type, identifier): the primary key is the uniqueness rule and the lookup index.
            """
            CREATE TABLE identity_credential_identifiers (
                type text NOT NULL,
                identifier text NOT NULL,
                identity_id uuid NOT NULL,
                CONSTRAINT identity_credential_identifiers_type_identifier_key PRIMARY KEY (type, identifier),
                CONSTRAINT identity_credential_identifiers_identity_id_fkey FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX identity_credential_identifiers_identity_id_idx ON identity_credential_identifiers (identity_id)",
            "CREATE INDEX identity_credential_identifiers_identifier_idx ON identity_credential_identifiers (identifier)",

            """
            CREATE TABLE identity_verifiable_addresses (
                via text NOT NULL,
                value text NOT NULL,
                identity_id uuid NOT NULL,
                CONSTRAINT identity_verifiable_addresses_via_value_key PRIMARY KEY (via, value),
                CONSTRAINT identity_verifiable_addresses_identity_id_fkey FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX identity_verifiable_addresses_identity_id_idx ON identity_verifiable_addresses (identity_id)",

            """
            CREATE TABLE identity_recovery_addresses (
                via text NOT NULL,
                value text NOT NULL,
                identity_id uuid NOT NULL,
                CONSTRAINT identity_recovery_addresses_via_value_key PRIMARY KEY (via, value),
                CONSTRAINT identity_recovery_addresses_identity_id_fkey FOREIGN KEY (identity_id) REFERENCES identities (id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX identity_recovery_addresses_identity_id_idx ON identity_recovery_addresses (identity_id)",

            // Recovery flows and their hashed secrets (never the token or code). Enumerations are stored by name.
            """
            CREATE TABLE recovery_flows (
                id uuid NOT NULL,
                type text NOT NULL,
                active text NOT NULL,
                state text NOT NULL,
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                request_url text NOT NULL,
                return_to text NULL,
                identity_id uuid NULL,
                recovered_identity_id uuid NULL,
                submit_count int NOT NULL,
                CONSTRAINT recovery_flows_pkey PRIMARY KEY (id)
            )
            """,
            "CREATE INDEX recovery_flows_identity_id_idx ON recovery_flows (identity_id)",
            "CREATE INDEX recovery_flows_recovered_identity_id_idx ON recovery_flows (recovered_identity_id)",
            "CREATE INDEX recovery_flows_expires_at_idx ON recovery_flows (expires_at)",
            """
            CREATE TABLE recovery_secrets (
                id uuid NOT NULL,
                flow_id uuid NOT NULL,
                identity_id uuid NOT NULL,
                method text NOT NULL,
                origin text NOT NULL,
                hash text NOT NULL,
                recovery_address_id uuid NULL,
                created_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                used_at timestamptz NULL,
                CONSTRAINT recovery_secrets_pkey PRIMARY KEY (id),
                CONSTRAINT recovery_secrets_flow_id_fkey FOREIGN KEY (flow_id) REFERENCES recovery_flows (id) ON DELETE CASCADE
            )
            """,
            "CREATE INDEX recovery_secrets_flow_id_method_hash_idx ON recovery_secrets (flow_id, method, hash)",
            "CREATE INDEX recovery_secrets_identity_id_idx ON recovery_secrets (identity_id)",
            "CREATE INDEX recovery_secrets_expires_at_idx ON recovery_secrets (expires_at)",
        ]),

        // Listing by schema id (e.g. the service accounts of a machine schema) walks this index in id order.
        new(2, "schema id index", ["CREATE INDEX identities_schema_id_idx ON identities (schema_id, id)"]),

        // The recovery message rate limit: one fixed window per address, keyed by the address's keyed hash (never the
        // address), so every instance on the database shares one budget per address.
        new(3, "recovery message windows",
        [
            """
            CREATE TABLE recovery_message_windows (
                address_key text NOT NULL,
                sent int NOT NULL,
                expires_at timestamptz NOT NULL,
                CONSTRAINT recovery_message_windows_pkey PRIMARY KEY (address_key)
            )
            """,
            "CREATE INDEX recovery_message_windows_expires_at_idx ON recovery_message_windows (expires_at)",
        ]),

        // Sessions (the token's keyed hash, never the token) and login and settings flows. The JSON columns are text, not
        // jsonb: a flow's document comes back byte for byte (jsonb rewrites it, and CockroachDB's json is jsonb), and
        // JSON text holds a NUL only as the escape \u0000, which jsonb refuses and text keeps. No foreign key to
        // identities, as for the recovery flows: the identity manager deletes an identity's sessions and flows with it.
        new(4, "sessions and self-service flows",
        [
            """
            CREATE TABLE sessions (
                id uuid NOT NULL,
                identity_id uuid NOT NULL,
                token_hash text NOT NULL,
                active boolean NOT NULL,
                expires_at timestamptz NOT NULL,
                authenticated_at timestamptz NOT NULL,
                issued_at timestamptz NOT NULL,
                created_at timestamptz NOT NULL,
                aal text NOT NULL,
                authentication_methods text NOT NULL,
                devices text NOT NULL,
                CONSTRAINT sessions_pkey PRIMARY KEY (id),
                CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
            )
            """,
            "CREATE INDEX sessions_identity_id_idx ON sessions (identity_id, created_at, id)",
            "CREATE INDEX sessions_created_at_idx ON sessions (created_at, id)",
            "CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)",
            """
            CREATE TABLE self_service_flows (
                id uuid NOT NULL,
                kind text NOT NULL,
                type text NOT NULL,
                state text NOT NULL,
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                request_url text NOT NULL,
                identity_id uuid NULL,
                document text NOT NULL,
                CONSTRAINT self_service_flows_pkey PRIMARY KEY (id)
            )
            """,
            "CREATE INDEX self_service_flows_identity_id_idx ON self_service_flows (identity_id)",
            "CREATE INDEX self_service_flows_expires_at_idx ON self_service_flows (expires_at)",
        ]),
        // The document's text as jsonb renders it, computed by the database on every insert, copy and update (and for the
        // rows already stored when this runs): reads select it instead of converting the jsonb on every read, which was
        // most of the server's work for a page of documents. Same text as document::text, so reads see no difference.
        new(5, "document text", ["ALTER TABLE identities ADD COLUMN document_text text GENERATED ALWAYS AS (document::text) STORED"]),
    ];
}
