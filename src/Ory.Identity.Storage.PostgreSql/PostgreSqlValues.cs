using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Ory.Identity.Storage.PostgreSql;

/// <summary>Parameter and column conversions shared by the stores.</summary>
internal static class PostgreSqlValues
{
    public static NpgsqlParameter Uuid(Guid value) => new NpgsqlParameter<Guid> { TypedValue = value };

    public static NpgsqlParameter Uuid(Guid? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Uuids(Guid[] values) => new NpgsqlParameter<Guid[]> { TypedValue = values };

    public static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Texts(string[] values) => new NpgsqlParameter<string[]> { TypedValue = values };

    public static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { TypedValue = value };

    public static NpgsqlParameter Bool(bool value) => new NpgsqlParameter<bool> { TypedValue = value };

    public static NpgsqlParameter Jsonb(string json) => new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json };

    /// <summary>A <c>timestamptz</c>; PostgreSQL keeps microseconds (the 100 ns tick below is rounded).</summary>
    public static NpgsqlParameter Timestamp(Instant value) => new NpgsqlParameter<DateTime> { TypedValue = value.ToDateTimeUtc() };

    public static NpgsqlParameter Timestamp(Instant? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToDateTimeUtc() : DBNull.Value };

    public static Instant GetInstant(NpgsqlDataReader reader, int ordinal) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc));

    public static Instant? GetNullableInstant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : GetInstant(reader, ordinal);

    public static Guid? GetNullableGuid(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    public static string? GetNullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);


    /// <summary>Serialization failures (CockroachDB asks clients to retry) and deadlocks: the transaction can run again.</summary>
    public static bool IsRetryable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
