using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Ory.Identity.Storage.Sqlite;

/// <summary>How values are stored: ids as big-endian 16-byte BLOBs, instants as microseconds, enums by wire name.</summary>
internal static class SqliteValues
{
    /// <summary>SQLITE_CONSTRAINT, the primary result code of every constraint violation.</summary>
    public const int SqliteConstraint = 19;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE.</summary>
    public const int SqliteConstraintUnique = 2067;

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY.</summary>
    public const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY.</summary>
    public const int SqliteConstraintForeignKey = 787;

    /// <summary>The id in RFC 4122 byte order, so that SQLite's memcmp order of BLOBs is <see cref="GuidOrder"/>.</summary>
    public static byte[] Blob(Guid id) => id.ToByteArray(bigEndian: true);

    public static object BlobOrNull(Guid? id) => id is { } value ? Blob(value) : DBNull.Value;

    public static Guid ReadGuid(SqliteDataReader reader, int ordinal) => new(reader.GetFieldValue<byte[]>(ordinal), bigEndian: true);

    public static Guid? ReadNullableGuid(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadGuid(reader, ordinal);

    /// <summary>Microseconds since the Unix epoch (rounded down): the precision instants are stored with.</summary>
    public static long Micros(Instant instant) => Math.DivRem(instant.ToUnixTimeTicks(), 10, out var rest) - (rest < 0 ? 1 : 0);

    public static Instant ReadInstant(SqliteDataReader reader, int ordinal) => Instant.FromUnixTimeTicks(reader.GetInt64(ordinal) * 10);

    public static Instant? ReadNullableInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    public static object TextOrNull(string? value) => value is null ? DBNull.Value : value;


    public static string Name(RecoveryMethod method) => method switch
    {
        RecoveryMethod.Link => "link",
        RecoveryMethod.Code => "code",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static RecoveryMethod ParseMethod(string name) => name switch
    {
        "link" => RecoveryMethod.Link,
        "code" => RecoveryMethod.Code,
        _ => throw Unknown("recovery method"),
    };

    public static string Name(RecoverySecretOrigin origin) => origin switch
    {
        RecoverySecretOrigin.Admin => "admin",
        RecoverySecretOrigin.SelfService => "self_service",
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public static RecoverySecretOrigin ParseOrigin(string name) => name switch
    {
        "admin" => RecoverySecretOrigin.Admin,
        "self_service" => RecoverySecretOrigin.SelfService,
        _ => throw Unknown("recovery secret origin"),
    };

    public static string Name(SelfServiceFlowType type) => type switch
    {
        SelfServiceFlowType.Browser => "browser",
        SelfServiceFlowType.Api => "api",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static SelfServiceFlowType ParseFlowType(string name) => name switch
    {
        "browser" => SelfServiceFlowType.Browser,
        "api" => SelfServiceFlowType.Api,
        _ => throw Unknown("flow type"),
    };

    public static string Name(RecoveryFlowState state) => state switch
    {
        RecoveryFlowState.ChooseMethod => "choose_method",
        RecoveryFlowState.SentEmail => "sent_email",
        RecoveryFlowState.PassedChallenge => "passed_challenge",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static RecoveryFlowState ParseFlowState(string name) => name switch
    {
        "choose_method" => RecoveryFlowState.ChooseMethod,
        "sent_email" => RecoveryFlowState.SentEmail,
        "passed_challenge" => RecoveryFlowState.PassedChallenge,
        _ => throw Unknown("recovery flow state"),
    };

    public static string Name(SelfServiceFlowKind kind) => kind switch
    {
        SelfServiceFlowKind.Login => "login",
        SelfServiceFlowKind.Settings => "settings",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static SelfServiceFlowKind ParseFlowKind(string name) => name switch
    {
        "login" => SelfServiceFlowKind.Login,
        "settings" => SelfServiceFlowKind.Settings,
        _ => throw Unknown("flow kind"),
    };

    public static string Name(AuthenticatorAssuranceLevel level) => level switch
    {
        AuthenticatorAssuranceLevel.Aal0 => "aal0",
        AuthenticatorAssuranceLevel.Aal1 => "aal1",
        AuthenticatorAssuranceLevel.Aal2 => "aal2",
        AuthenticatorAssuranceLevel.Aal3 => "aal3",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static AuthenticatorAssuranceLevel ParseAal(string name) => name switch
    {
        "aal0" => AuthenticatorAssuranceLevel.Aal0,
        "aal1" => AuthenticatorAssuranceLevel.Aal1,
        "aal2" => AuthenticatorAssuranceLevel.Aal2,
        "aal3" => AuthenticatorAssuranceLevel.Aal3,
        _ => throw Unknown("assurance level"),
    };

    /// <summary>A JSON array of strings, for <c>json_each(@param)</c>: one parameter for any number of values.</summary>
    public static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                if (value is not null)
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON array of the ids as hex of their stored bytes, for <c>unhex(value)</c> over <c>json_each(@param)</c>.</summary>
    public static string HexJsonArray(IEnumerable<Guid> ids)
    {
        var builder = new StringBuilder("[");
        foreach (var id in ids)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append('"').Append(Convert.ToHexString(Blob(id))).Append('"');
        }

        return builder.Append(']').ToString();
    }

    public static bool IsConstraint(SqliteException e, int extendedCode) =>
        e.SqliteErrorCode == SqliteConstraint && e.SqliteExtendedErrorCode == extendedCode;

    private static InvalidOperationException Unknown(string what) => new($"The database holds an unknown {what}.");
}
