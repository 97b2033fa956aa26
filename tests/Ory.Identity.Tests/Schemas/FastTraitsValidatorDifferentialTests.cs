using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ory.Identity.Tests.Schemas;

/// <summary>
/// The fast validator against JsonSchema.Net: for every schema that gets a fast path, many generated trait documents
/// (schema-guided valid ones and mutations) must get the same verdict, the same <c>ory.sh/kratos</c> hits and the
/// same derivation (or the same errors) from both paths.
/// </summary>
public class FastTraitsValidatorDifferentialTests(ITestOutputHelper output)
{
    private const int GeneratedPerSchema = 400;

    /// <summary>A full schema exercising every supported keyword: $ref, enum, const, pattern, bounds, uniqueItems, …</summary>
    internal const string KeywordsSchema = """
        {
          "$id": "https://example.com/keywords.schema.json",
          "$schema": "http://json-schema.org/draft-07/schema#",
          "definitions": {
            "email": {
              "type": "string", "format": "email", "minLength": 3, "maxLength": 64,
              "ory.sh/kratos": { "credentials": { "password": { "identifier": true } }, "verification": { "via": "email" } }
            },
            "phone": {
              "type": "string", "format": "tel",
              "ory.sh/kratos": { "credentials": { "code": { "identifier": true, "via": "sms" } }, "recovery": { "via": "sms" } }
            }
          },
          "type": "object",
          "properties": {
            "traits": {
              "type": "object",
              "properties": {
                "email": { "$ref": "#/definitions/email", "type": "number" },
                "phones": { "type": "array", "items": { "$ref": "#/definitions/phone" }, "maxItems": 3, "uniqueItems": true },
                "age": { "type": "integer", "minimum": 0, "exclusiveMaximum": 150 },
                "score": { "type": ["number", "null"], "maximum": 10.5, "exclusiveMinimum": -1 },
                "plan": { "enum": ["free", "pro", 1, null, true] },
                "kind": { "const": "person" },
                "code": { "type": "string", "pattern": "^[A-Z]{2}\\d{2}$" },
                "a/b~c": { "type": "string", "ory.sh/kratos": { "credentials": { "webauthn": { "identifier": true } } } },
                "name": {
                  "type": "object",
                  "properties": { "first": { "type": "string", "minLength": 2 }, "last": { "type": "string", "maxLength": 5 } },
                  "required": ["first"],
                  "additionalProperties": false
                },
                "born": { "type": "string", "format": "date-time" },
                "misc": { "type": "string", "format": "noformat" },
                "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1, "uniqueItems": true },
                "flag": { "type": "boolean" },
                "extras": { "type": "object", "properties": { "anything": true, "nothing": false } }
              },
              "required": ["email"],
              "additionalProperties": {
                "type": "string", "format": "email",
                "ory.sh/kratos": { "credentials": { "password": { "identifier": true } } }
              }
            }
          },
          "required": ["traits"],
          "additionalProperties": false
        }
        """;

    /// <summary>Extension blocks inside arrays of objects, and an optional nested phone.</summary>
    internal const string NestedSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "traits": {
              "type": "object",
              "properties": {
                "contacts": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "email": {
                        "type": "string", "format": "email",
                        "ory.sh/kratos": { "recovery": { "via": "email" }, "verification": { "via": "email" } }
                      },
                      "phone": {
                        "type": "string", "format": "tel",
                        "ory.sh/kratos": { "verification": { "via": "sms" }, "credentials": { "password": { "identifier": true } } }
                      }
                    },
                    "required": ["email"]
                  }
                },
                "username": { "type": "string", "minLength": 3, "ory.sh/kratos": { "credentials": { "password": { "identifier": true } } } }
              }
            }
          }
        }
        """;

    public static TheoryData<string> Sources() => new(SourceNames());

    private static List<string> SourceNames() =>
    [
        .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "schemas")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal),
        "inline:keywords",
        "inline:nested",
    ];

    [Fact]
    public void These_schemas_get_a_fast_path()
    {
        var fast = new List<string>();
        var slow = new List<string>();
        foreach (var source in SourceNames())
        {
            if (Load(source) is not { } loaded)
            {
                continue;
            }

            (loaded.Schema.Plan.Fast is null ? slow : fast).Add(source);
        }

        output.WriteLine("fast: " + string.Join(", ", fast));
        output.WriteLine("JsonSchema.Net only: " + string.Join(", ", slow));
        fast.Should().Contain(["quickstart-email-password.schema.json", "quickstart-phone-password.schema.json", "inline:keywords", "inline:nested"]);
        slow.Should().BeEmpty("every loadable test schema uses only the supported subset");
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","properties":{"a":{"type":"string"}},"anyOf":[{"required":["a"]}]}}}""")]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","patternProperties":{"^x":{"type":"string"}},"properties":{"a":{"type":"string"}}}}}""")]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","properties":{"a":{"$ref":"#/properties/traits"}}}}}""")]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","properties":{"a":{"type":"array","items":[{"type":"string"}]}}}}}""")]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","properties":{"a":{"enum":[{"x":1}]}}}}}""")]
    [InlineData("""{"type":"object","properties":{"traits":{"type":"object","properties":{"a":{"type":"string","x-custom":1}}}}}""")]
    public void Schemas_outside_the_subset_get_no_fast_path(string schema)
    {
        var registry = SchemaTestData.FromText(schema);
        registry.Schemas[0].Plan.Fast.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Fast_path_agrees_with_JsonSchema_Net(string source)
    {
        if (Load(source) is not { } loaded || loaded.Schema.Plan.Fast is not { } fast)
        {
            output.WriteLine($"{source}: no fast path");
            return;
        }

        var generator = new TraitsGenerator(loaded.TraitsSchema, loaded.Document, seed: StableSeed(source));
        var documents = new List<string>(FixedDocuments);
        for (var i = 0; i < GeneratedPerSchema; i++)
        {
            documents.Add(generator.Next());
        }

        int valid = 0, invalid = 0, deferred = 0;
        foreach (var text in documents)
        {
            using var parsed = JsonDocument.Parse(text);
            var traits = parsed.RootElement;
            bool fastValid;
            List<string> fastHits;
            using (var scope = ValidationScope.Enter())
            {
                fastValid = fast.TryValidate(traits, scope, out var hits);
                fastHits = Describe(hits ?? []);
            }

            var (slowValid, slowHits) = TraitsValidator.EvaluateWithJsonSchema(loaded.Schema, traits);

            if (fastValid)
            {
                slowValid.Should().BeTrue($"the fast path accepted {text} for {source}");
                fastHits.Should().Equal(Describe(slowHits), $"hits for {text} ({source})");
                valid++;
            }
            else if (slowValid)
            {
                deferred++;
                output.WriteLine($"deferred (JsonSchema.Net accepts): {text}");
            }
            else
            {
                invalid++;
            }

            Outcome(() => TraitsValidator.Validate(loaded.Schema, traits))
                .Should().Be(Outcome(() => TraitsValidator.Validate(loaded.Schema, traits, ValidationPath.AuthoritativeOnly)), $"derivation of {text} ({source})");
        }

        output.WriteLine($"{source}: {documents.Count} documents, {valid} valid on both paths, {invalid} invalid on both, {deferred} deferred");
        deferred.Should().Be(0, "generated documents use no literal the fast path has to defer on");
        valid.Should().BeGreaterThan(documents.Count / 20, "the generator should produce valid documents too");
        invalid.Should().BeGreaterThanOrEqualTo(10, "the generator should produce invalid documents too");
    }

    [Theory]
    [InlineData("""{"email":"foo@ory.sh","age":1.0}""")]
    [InlineData("""{"email":"foo@ory.sh","age":1e1}""")]
    [InlineData("""{"email":"foo@ory.sh","tags":[1,1.0]}""")]
    [InlineData("""{"email":"foo@ory.sh","plan":1.0}""")]
    [InlineData("""{"email":"foo@ory.sh","email":"bar@ory.sh"}""")]
    public void Literals_the_fast_path_cannot_judge_are_left_to_JsonSchema_Net(string text)
    {
        var schema = SchemaTestData.FromText(KeywordsSchema).Schemas[0];
        using var parsed = JsonDocument.Parse(text);
        FastPathIsSure(schema, parsed.RootElement).Should().BeFalse();
        Outcome(() => TraitsValidator.Validate(schema, parsed.RootElement))
            .Should().Be(Outcome(() => TraitsValidator.Validate(schema, parsed.RootElement, ValidationPath.AuthoritativeOnly)));
    }

    [Fact]
    public void Phone_rewrite_then_revalidation_is_identical_on_both_paths()
    {
        var schema = SchemaTestData.FromText(KeywordsSchema).Schemas[0];
        using var parsed = JsonDocument.Parse("""{"email":"A@ory.sh","phones":["+49 176 671 11 638","+4917667111639"]}""");
        var fast = TraitsValidator.Validate(schema, parsed.RootElement);
        var slow = TraitsValidator.Validate(schema, parsed.RootElement, ValidationPath.AuthoritativeOnly);
        fast.Traits.GetProperty("phones")[0].GetString().Should().Be("+4917667111638");
        Outcome(() => fast).Should().Be(Outcome(() => slow));
    }

    [Fact]
    public void A_walk_that_defers_after_deriving_leaves_nothing_of_it_behind()
    {
        // Without sms marks the walk hands each hit to the deriver as it goes; "email" is derived before "age" defers.
        var schema = SchemaTestData.FromText(EmailThenAgeSchema).Schemas[0];
        schema.Plan.HasSmsMarks.Should().BeFalse();
        using var deferred = JsonDocument.Parse("""{"email":"Foo@ory.sh","age":1.0}""");
        FastPathIsSure(schema, deferred.RootElement).Should().BeFalse();

        var derivation = TraitsValidator.Validate(schema, deferred.RootElement);

        derivation.PasswordIdentifiers.Should().Equal("foo@ory.sh");
        derivation.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        derivation.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "foo@ory.sh"));
        Outcome(() => derivation).Should().Be(Outcome(() => TraitsValidator.Validate(schema, deferred.RootElement, ValidationPath.AuthoritativeOnly)));
    }

    [Fact]
    public void The_next_validation_on_the_thread_starts_clean_after_a_deferral_or_an_error()
    {
        var schema = SchemaTestData.FromText(EmailThenAgeSchema).Schemas[0];
        using var deferred = JsonDocument.Parse("""{"email":"first@ory.sh","age":1.0}""");
        using var refused = JsonDocument.Parse("""{"email":"second@ory.sh","age":-1}""");
        using var next = JsonDocument.Parse("""{"email":"third@ory.sh","age":2}""");

        TraitsValidator.Validate(schema, deferred.RootElement);
        FluentActions.Invoking(() => TraitsValidator.Validate(schema, refused.RootElement)).Should().Throw<IdentityValidationException>();
        var derivation = TraitsValidator.Validate(schema, next.RootElement);

        derivation.PasswordIdentifiers.Should().Equal("third@ory.sh");
        derivation.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "third@ory.sh"));
        derivation.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "third@ory.sh"));
    }

    /// <summary>An email marked for every purpose but sms, then an integer the fast path defers on for 1.0.</summary>
    private static readonly string EmailThenAgeSchema =
        SchemaTestData.TraitsSchema(SchemaTestData.MarkedEmailProperty + """, "age": { "type": "integer", "minimum": 0 }""");

    private static readonly string[] FixedDocuments =
    [
        "{}", "null", "[]", "\"x\"", "1", "true",
        """{"email":"foo@ory.sh"}""",
        """{"email":"FOO@ory.sh","name":{"first":"Ann","last":"Lee"}}""",
        """{"email":"foo@ory.sh","extra":1}""",
        """{"email":null}""",
        """{"email":["foo@ory.sh"]}""",
        """{"email":"not-an-email"}""",
        """{"phone":"+49 176 671 11 638"}""",
        """{"phone":"+4917667111638","email":"foo@ory.sh"}""",
        """{"phone":"0176 671 11 638"}""",
        """{"emails":["foo@ory.sh","BAR@ory.sh","foo@ory.sh"],"username":"Foo🥳🖐️baR"}""",
        """{"username":"ab"}""",
        """{"username":"e\u0301e\u0301"}""",
        """{"email":"foo\u0040ory.sh"}""",
        """{"contacts":[{"email":"a@ory.sh","phone":"+49 176 671 11 638"},{"email":"b@ory.sh"}]}""",
    ];

    private static bool FastPathIsSure(IdentitySchema schema, JsonElement traits)
    {
        using var scope = ValidationScope.Enter();
        return schema.Plan.Fast!.TryValidate(traits, scope, out _);
    }

    private static string Outcome(Func<TraitsDerivation> act)
    {
        try
        {
            var d = act();
            return string.Join("\n",
                "traits " + d.Traits.GetRawText(),
                "password " + string.Join(",", d.PasswordIdentifiers),
                "webauthn " + string.Join(",", d.WebAuthnIdentifiers),
                "code " + Addresses(d.CodeAddresses),
                "verifiable " + Addresses(d.VerifiableAddresses),
                "recovery " + Addresses(d.RecoveryAddresses),
                $"flags {d.HasPasswordIdentifierTraits} {d.HasWebAuthnIdentifierTraits} {d.HasCodeIdentifierTraits}");
        }
        catch (IdentityValidationException ex)
        {
            return "errors " + string.Join("\n", ex.Errors.Select(e => e.ToKratosText()));
        }
    }

    // DerivedAddress.ToString hides the value (it is personal data), so the outcome spells it out.
    private static string Addresses(IEnumerable<DerivedAddress> addresses) => string.Join(",", addresses.Select(a => $"{a.Via}:{a.Value}"));

    private static List<string> Describe(IEnumerable<ExtensionHit> hits) =>
        hits.Select(h => $"{h.InstanceLocation} {h.Spec.SchemaPointer} {h.Value.GetRawText()}").ToList();

    private static int StableSeed(string source) => source.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    private sealed record Loaded(IdentitySchema Schema, JsonNode Document, JsonNode TraitsSchema);

    private static Loaded? Load(string source)
    {
        string text;
        if (source == "inline:keywords")
        {
            text = KeywordsSchema;
        }
        else if (source == "inline:nested")
        {
            text = NestedSchema;
        }
        else
        {
            text = SchemaTestData.Text(source);
            if (JsonNode.Parse(text)?["properties"]?["traits"] is null)
            {
                text = SchemaTestData.Wrapped(source);
            }
        }

        IdentitySchemaRegistry registry;
        try
        {
            registry = SchemaTestData.FromText(text);
        }
        catch (InvalidOperationException)
        {
            return null; // a schema the meta-schema or the compiler refuses (remote $ref, bad verification format)
        }

        var document = JsonNode.Parse(text)!;
        return new Loaded(registry.Schemas[0], document, document["properties"]!["traits"]!);
    }

    /// <summary>Schema-guided random trait documents: mostly plausible values, with type, format and shape mutations.</summary>
    private sealed class TraitsGenerator(JsonNode traitsSchema, JsonNode document, int seed)
    {
        private static readonly string[] Emails =
        [
            "foo@ory.sh", "FOO@Ory.sh", "user12@example.com", " foo@ory.sh ", "not-an-email", "a@b", "föö@ory.sh",
            "foo@docomo.ne.jp", "x@", "", "fo", "a.b+c@example.co.uk", "\"quoted\"@example.com", "foo@ory.sh\u200b",
            "Foo@docomo.ne.jp", "foo..bar@docomo.ne.jp", "FOO@ORY.SH", "user@-bad-.com", new string('a', 65) + "@ory.sh",
        ];

        private static readonly string[] Phones =
        [
            "+4917667111638", "+49 176 671 11 638", "+1 202-555-0143", "4917667111638", "+49", "abc", "+44 20 7946 0958",
            "+4917667111638 ", "0176 671 11 638", "+49-176-671-11-638",
        ];

        private static readonly string[] Strings =
        [
            "", "a", "ab", "abc", "abcde", "abcdef", "Foo🥳🖐️baR", "e\u0301", "🥳", "🥳🥳", new string('x', 300), "日本語", "\u0000",
            "a/b", "12", "١٢", "AB12", "ab12", "2020-01-01T00:00:00Z", "2020-13-01", "person", "free", "pro", "e\u0301e\u0301",
        ];

        private static readonly string[] Numbers = ["0", "1", "-1", "2", "10.5", "10.6", "1.5", "100", "149", "150", "-0.5", "0.25", "-2"];

        private static readonly string[] ExtraNames = ["extra", "a/b", "ünï", "~x", "email2", "nothing", "anything"];

        private readonly Random _random = new(seed);

        // Clean documents (about 40 %) avoid mutations and pick values that meet the node's simple constraints.
        private bool _clean;

        public string Next()
        {
            _clean = Chance(0.4);
            var value = Generate(traitsSchema, depth: 0);
            return value?.ToJsonString() ?? "null";
        }

        private bool Chance(double p) => _random.NextDouble() < p;

        private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

        private JsonNode? Generate(JsonNode? schema, int depth)
        {
            if (schema is JsonValue b && b.TryGetValue<bool>(out var boolean))
            {
                return boolean ? RandomValue(depth) : JsonValue.Create("false-schema");
            }

            if (schema is not JsonObject s)
            {
                return RandomValue(depth);
            }

            if (s["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith("#/", StringComparison.Ordinal))
            {
                var target = reference[2..].Split('/').Aggregate<string, JsonNode?>(document, (node, segment) => node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
                return Generate(target, depth);
            }

            if (!_clean && Chance(depth == 0 ? 0.03 : 0.07))
            {
                return RandomValue(depth);
            }

            if (s["enum"] is JsonArray options && (_clean || Chance(0.8)))
            {
                return options[_random.Next(options.Count)]?.DeepClone();
            }

            if (s["const"] is { } constant && (_clean || Chance(0.8)))
            {
                return constant.DeepClone();
            }

            var type = s["type"] switch
            {
                JsonValue t => t.GetValue<string>(),
                JsonArray ts => ts[_random.Next(ts.Count)]!.GetValue<string>(),
                _ => s["properties"] is not null ? "object" : s["items"] is not null ? "array" : s["format"] is not null ? "string" : null,
            };

            return type switch
            {
                "object" => GenerateObject(s, depth),
                "array" => GenerateArray(s, depth),
                "string" => JsonValue.Create(GenerateString(s)),
                "number" => Number(Pick(Fitting(s, Numbers))),
                "integer" => Number(Pick(Fitting(s, Numbers.Where(n => !n.Contains('.', StringComparison.Ordinal)).ToArray()))),
                "boolean" => JsonValue.Create(Chance(0.5)),
                "null" => null,
                _ => RandomValue(depth),
            };
        }

        private JsonObject GenerateObject(JsonObject s, int depth)
        {
            var result = new JsonObject();
            var required = (s["required"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
            if (s["properties"] is JsonObject properties)
            {
                foreach (var (name, propertySchema) in properties.OrderBy(_ => _random.Next()))
                {
                    if (required.Contains(name) ? _clean || Chance(0.93) : Chance(_clean ? 0.3 : 0.55))
                    {
                        result[name] = Generate(propertySchema, depth + 1);
                    }
                }
            }

            if (s["additionalProperties"] is JsonObject additional && !_clean)
            {
                for (var i = _random.Next(3); i > 0; i--)
                {
                    result["more" + _random.Next(4).ToString(CultureInfo.InvariantCulture)] = Generate(additional, depth + 1);
                }
            }

            if (!_clean && Chance(0.1))
            {
                result[Pick(ExtraNames)] = RandomValue(depth + 1);
            }

            return result;
        }

        private JsonArray GenerateArray(JsonObject s, int depth)
        {
            var result = new JsonArray();
            for (var i = _random.Next(_clean ? 1 : 0, 4); i > 0; i--)
            {
                result.Add(Generate(s["items"], depth + 1));
            }

            if (_clean && s["uniqueItems"] is not null)
            {
                var distinct = result.DistinctBy(n => n?.ToJsonString()).Select(n => n?.DeepClone()).ToArray();
                result = new JsonArray(distinct.Take(s["maxItems"]?.GetValue<int>() ?? 3).ToArray());
            }

            if (result.Count > 0 && !_clean && Chance(0.2))
            {
                result.Add(result[0]?.DeepClone());
            }

            return result;
        }

        private string GenerateString(JsonObject s)
        {
            var format = s["format"]?.GetValue<string>();
            if (_clean)
            {
                string[] pool = format switch
                {
                    "email" => [.. Emails.Where(EmailAddressRules.IsValid)],
                    "tel" => [.. Phones.Where(KratosFormats.PredicateFor("tel")!)],
                    "date-time" => ["2020-01-01T00:00:00Z", "1999-12-31T23:59:59+01:00"],
                    _ => [.. Emails, .. Strings, "foo@docomo.ne.jp", "foo+bar@softbank.ne.jp"],
                };
                var pattern = s["pattern"]?.GetValue<string>() is { } p ? new System.Text.RegularExpressions.Regex(p, System.Text.RegularExpressions.RegexOptions.ECMAScript) : null;
                var min = s["minLength"]?.GetValue<int>() ?? 0;
                var max = s["maxLength"]?.GetValue<int>() ?? int.MaxValue;
                var fitting = pool.Where(v => v.Length >= min && v.Length <= max && (pattern is null || pattern.IsMatch(v))).ToArray();
                if (fitting.Length > 0)
                {
                    return Pick(fitting);
                }
            }

            if (format is "email" && Chance(0.85))
            {
                return Pick(Emails);
            }

            if (format is "tel" && Chance(0.85))
            {
                return Pick(Phones);
            }

            if (s["pattern"] is not null && Chance(0.5))
            {
                return Pick(["foo@docomo.ne.jp", "Foo@ory.sh", "AB12", "ab12", "foo+bar@softbank.ne.jp"]);
            }

            return Chance(0.15) ? Pick(Emails) : Pick(Strings);
        }

        private static JsonNode Number(string text) => JsonNode.Parse(text)!;

        private string[] Fitting(JsonObject s, string[] numbers)
        {
            if (!_clean)
            {
                return numbers;
            }

            double Bound(string keyword, double otherwise) => s[keyword]?.GetValue<double>() ?? otherwise;
            var fitting = numbers.Where(n =>
            {
                var v = double.Parse(n, CultureInfo.InvariantCulture);
                return v >= Bound("minimum", double.MinValue) && v <= Bound("maximum", double.MaxValue)
                       && v > Bound("exclusiveMinimum", double.MinValue) && v < Bound("exclusiveMaximum", double.MaxValue);
            }).ToArray();
            return fitting.Length > 0 ? fitting : numbers;
        }

        private JsonNode? RandomValue(int depth) => _random.Next(depth > 3 ? 4 : 6) switch
        {
            0 => null,
            1 => JsonValue.Create(Chance(0.5)),
            2 => Number(Pick(Numbers)),
            3 => JsonValue.Create(Chance(0.5) ? Pick(Strings) : Pick(Emails)),
            4 => new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)),
            _ => new JsonObject { ["x"] = RandomValue(depth + 1), [Pick(ExtraNames)] = RandomValue(depth + 1) },
        };
    }
}
