using System.Text;
using Ory.Identity.Fuzz.Tests.Catalog;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Seeds;

namespace Ory.Identity.Fuzz.Tests.Mutation;

/// <summary>
/// Case <c>i</c> of seed <c>s</c>: a random endpoint and method, one of its seed requests filled with the current
/// <see cref="SeedState"/>, then one or two mutations (body, target, headers, method, framing, raw protocol). The case
/// depends only on (s, i) and the seed state, so a failure is reproduced by its seed and index.
/// </summary>
public sealed class FuzzCaseGenerator(int seed, IReadOnlyList<FuzzEndpoint> endpoints)
{
    private readonly IReadOnlyList<(FuzzEndpoint Endpoint, string Method)> _routes =
        endpoints.SelectMany(e => e.Methods.Select(m => (e, m))).ToList();

    /// <summary>Generates case <paramref name="index"/> against <paramref name="state"/>; <paramref name="port"/> is the port of the case's API.</summary>
    public FuzzRequest Generate(int index, SeedState state, Func<FuzzApi, int> port)
    {
        var rng = new Random(unchecked((seed * 1_000_003) + index));
        var (endpoint, method) = rng.Pick(_routes);
        var template = rng.Pick(SeedCatalog.For(method, endpoint.SeedKey));
        var parameters = Seeds.RoutePattern.Parameters(endpoint.Pattern)
            .ToDictionary(name => name, name => state.Fill(SeedCatalog.ParameterValue(endpoint.SeedKey, name)!));
        var path = Seeds.RoutePattern.Fill(endpoint.Pattern, name => parameters[name]);
        var query = state.Fill(template.Query);
        var headers = new List<KeyValuePair<string, string>> { new("Accept", "application/json") };
        headers.AddRange(template.Headers.Select(h => new KeyValuePair<string, string>(h.Key, state.Fill(h.Value))));
        byte[]? body = null;
        if (template.Body is not null)
        {
            body = Encoding.UTF8.GetBytes(state.Fill(template.Body));
            headers.Add(new("Content-Type", template.ContentType));
        }

        var request = new FuzzRequest
        {
            Api = endpoint.Api,
            Route = endpoint.Pattern,
            Method = method,
            Target = path + query,
            Headers = headers,
            Body = body,
            Secrets = state.Secrets,
        };

        var raw = false;
        for (var mutations = rng.Next(4) == 0 ? 2 : 1; mutations > 0; mutations--)
        {
            var roll = rng.Next(100);
            if (roll < 40 && request.Body is not null)
            {
                var (mutated, label) = BodyMutator.Apply(rng, request.Body);
                request = request with { Body = mutated, Mutations = [.. request.Mutations, label] };
            }
            else if (roll < 65)
            {
                var (target, label) = TargetMutator.Apply(rng, endpoint.Pattern, parameters, query);
                request = request with { Target = target, Mutations = [.. request.Mutations, label] };
            }
            else if (roll < 82)
            {
                request = HeaderMutator.Apply(rng, request, state.Values["api_key"]);
            }
            else if (roll < 89)
            {
                request = ProtocolMutator.OtherMethod(rng, request);
            }
            else if (roll < 95)
            {
                request = ProtocolMutator.Framing(rng, request);
            }
            else
            {
                raw = true;
            }
        }

        return raw ? ProtocolMutator.Raw(rng, request, port(request.Api)) : request;
    }
}
