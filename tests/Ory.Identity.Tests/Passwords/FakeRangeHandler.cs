using System.Collections.Concurrent;
using System.Net;

namespace Ory.Identity.Tests.Passwords;

/// <summary>Stands in for the range API: records every request and answers with <see cref="Respond"/>; never touches the network.</summary>
internal sealed class FakeRangeHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();

    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => throw new InvalidOperationException("No answer configured.");

    public void AnswerWith(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        Respond = (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    public void FailWith(Exception exception) => Respond = (_, _) => Task.FromException<HttpResponseMessage>(exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return Respond(request, cancellationToken);
    }
}
