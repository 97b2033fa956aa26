using Ory.Identity.Fuzz.Tests.Catalog;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Mutation;

public sealed class FuzzCaseGeneratorTests(InMemoryQuickStart quickStart) : IClassFixture<InMemoryQuickStart>
{
    private int Port(FuzzApi api) => api == FuzzApi.Admin ? quickStart.Server.AdminPort : quickStart.Server.PublicPort;

    [Fact]
    public void A_case_is_the_same_for_the_same_seed_and_index()
    {
        var endpoints = EndpointCatalog.Of(quickStart.Server);
        var first = new FuzzCaseGenerator(42, endpoints);
        var second = new FuzzCaseGenerator(42, endpoints);

        for (var i = 0; i < 200; i++)
        {
            var a = first.Generate(i, quickStart.Seeds, Port);
            var b = second.Generate(i, quickStart.Seeds, Port);
            var bytesA = RawHttpClient.Encode(a, Port(a.Api));
            var bytesB = RawHttpClient.Encode(b, Port(b.Api));

            // {fresh} values are unique per fill by design: compare with them masked.
            Mask(bytesA).Should().Be(Mask(bytesB), $"case {i} ({a})");
            a.Mutations.Should().NotBeEmpty();
        }
    }

    [Fact]
    public void Every_route_and_every_kind_of_mutation_comes_up_in_a_ci_run()
    {
        var endpoints = EndpointCatalog.Of(quickStart.Server);
        var generator = new FuzzCaseGenerator(FuzzSettings.DefaultSeed, endpoints);
        var cases = Enumerable.Range(0, 700).Select(i => generator.Generate(i, quickStart.Seeds, Port)).ToList();

        cases.Select(c => (c.Api, c.Route)).Distinct().Should().HaveCount(endpoints.Select(e => (e.Api, e.Pattern)).Distinct().Count());
        var kinds = cases.SelectMany(c => c.Mutations).Select(m => m.Split('(')[0]).ToHashSet();
        kinds.Should().Contain(
        [
            "body:byte-flip", "body:invalid-utf8", "body:nul", "body:lone-surrogate", "body:deep-nesting", "body:huge-number",
            "body:duplicate-key", "body:wrong-type", "body:unknown-field", "path:odd-uuid", "path:percent-encoded", "query:overlong",
            "query:hostile-value", "header:content-type", "header:accept", "header:authorization", "header:host", "method:other",
            "framing:MalformedChunked", "raw:version",
        ]);
    }

    private static string Mask(byte[] bytes) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.Latin1.GetString(bytes), "new-[0-9]+-[0-9a-f]+", "new-*");
}
