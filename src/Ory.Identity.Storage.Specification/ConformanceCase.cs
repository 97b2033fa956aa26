using System.Collections.Concurrent;
using System.Reflection;

namespace Ory.Identity.Storage.Specification;

/// <summary>One case of a conformance kit: a method and the arguments it is called with, named for test reports.</summary>
internal sealed record ConformanceCase(string Name, MethodInfo Method, object?[] Arguments)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, ConformanceCase>> ByKit = new();

    /// <summary>The cases of <paramref name="kit"/> by name, in declaration order of their methods' names.</summary>
    public static IReadOnlyDictionary<string, ConformanceCase> Of(Type kit) => ByKit.GetOrAdd(kit, Discover);

    /// <summary>Calls the case's method on <paramref name="kit"/> and awaits it.</summary>
    public Task InvokeAsync(object kit) =>
        (Task)Method.Invoke(kit, BindingFlags.DoNotWrapExceptions, binder: null, Arguments, culture: null)!;

    private static Dictionary<string, ConformanceCase> Discover(Type kit)
    {
        var cases = new Dictionary<string, ConformanceCase>(StringComparer.Ordinal);
        var methods = kit.GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal);
        foreach (var method in methods)
        {
            foreach (var arguments in RowsOf(kit, method))
            {
                if (method.ReturnType != typeof(Task) || method.GetParameters().Length != arguments.Length)
                {
                    throw new InvalidOperationException(
                        $"{kit.Name}.{method.Name} is marked as a conformance case but does not return Task or take {arguments.Length} argument(s).");
                }

                var name = arguments.Length == 0
                    ? method.Name
                    : $"{method.Name}({string.Join(", ", arguments.Select(Expectation.Show))})";
                if (!cases.TryAdd(name, new ConformanceCase(name, method, arguments)))
                {
                    throw new InvalidOperationException($"{kit.Name} has two conformance cases named {name}.");
                }
            }
        }

        return cases;
    }

    private static IEnumerable<object?[]> RowsOf(Type kit, MethodInfo method)
    {
        foreach (var marked in method.GetCustomAttributes<ConformanceCaseAttribute>())
        {
            yield return [.. marked.Arguments];
        }

        if (method.GetCustomAttribute<ConformanceCaseSourceAttribute>() is { } source)
        {
            var member = kit.GetMember(source.MemberName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.FlattenHierarchy)
                .SingleOrDefault() ?? throw new InvalidOperationException($"{kit.Name} has no static member {source.MemberName}.");
            var rows = member switch
            {
                PropertyInfo property => property.GetValue(null),
                MethodInfo factory => factory.Invoke(null, null),
                FieldInfo field => field.GetValue(null),
                _ => null,
            } as IEnumerable<object?[]> ?? throw new InvalidOperationException($"{kit.Name}.{source.MemberName} does not yield object?[] rows.");
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }
}
