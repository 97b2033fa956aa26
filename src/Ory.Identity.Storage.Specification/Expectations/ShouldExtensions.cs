using System.Runtime.CompilerServices;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The entry points of the kit's own expectations: <c>value.Should()</c> picks the expectations for the value's kind,
/// and remembers the checked expression's source text for the failure message.
/// </summary>
internal static class ShouldExtensions
{
    /// <summary>Expectations on any value.</summary>
    public static ObjectExpectation<object?> Should(this object? subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on a boolean.</summary>
    public static BooleanExpectation Should(this bool subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on an id.</summary>
    public static GuidExpectation Should(this Guid subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on a count.</summary>
    public static ComparableExpectation<int> Should(this int subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on a long count.</summary>
    public static ComparableExpectation<long> Should(this long subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on a string.</summary>
    public static StringExpectation Should(this string? subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on a sequence.</summary>
    public static CollectionExpectation<T> Should<T>(this IEnumerable<T>? subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);

    /// <summary>Expectations on an asynchronous action.</summary>
    public static ThrowExpectation Should(this Func<Task> subject, [CallerArgumentExpression(nameof(subject))] string expression = "") =>
        new(subject, expression);
}
