namespace Ory.Identity.Storage.Specification;

/// <summary>Turns a call into an action to check: <c>Actions.Awaiting(() => store.InsertAsync(x)).Should().ThrowAsync&lt;…&gt;()</c>.</summary>
internal static class Actions
{
    /// <summary>The call as an action (not run yet).</summary>
    public static Func<Task> Awaiting(Func<Task> action) => action;
}
