using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// Makes relative <c>file://</c> URLs of the configuration (identity schemas, courier templates) resolve against the
/// host's <see cref="IHostEnvironment.ContentRootPath"/>, where <c>appsettings.json</c> is read from too; without a host
/// environment they resolve against the working directory.
/// </summary>
internal sealed class ContentRootFiles(IHostEnvironment? environment = null) : IPostConfigureOptions<OryIdentityOptions>
{
    public void PostConfigure(string? name, OryIdentityOptions options)
    {
        if (!string.IsNullOrEmpty(environment?.ContentRootPath))
        {
            options.FileRoot = environment.ContentRootPath;
        }
    }

    /// <summary>The full path of a <c>file://</c> URL's path: relative paths resolve against <paramref name="root"/>, or the working directory when null.</summary>
    public static string FullPath(string path, string? root) =>
        root is null ? Path.GetFullPath(path) : Path.GetFullPath(path, root);
}
