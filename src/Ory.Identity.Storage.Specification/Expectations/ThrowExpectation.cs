namespace Ory.Identity.Storage.Specification;

/// <summary>Expectations on an asynchronous action that should fail.</summary>
internal sealed class ThrowExpectation(Func<Task> action, string expression) : Expectation(expression)
{
    /// <summary>Expects the action to throw <typeparamref name="TException"/> (or a type derived from it); <c>.Which</c> is the exception.</summary>
    public async Task<ObjectExpectation<TException>> ThrowAsync<TException>()
        where TException : Exception
    {
        try
        {
            await action();
        }
        catch (TException expected)
        {
            return new ObjectExpectation<TException>(expected, Expression);
        }
        catch (Exception other)
        {
            throw new ConformanceFailedException(
                $"Expected {Expression} to throw {typeof(TException).Name}, but it threw {other.GetType().Name}: {other.Message}", other);
        }

        throw new ConformanceFailedException($"Expected {Expression} to throw {typeof(TException).Name}, but it did not throw.");
    }
}
