using Microsoft.Playwright;

namespace Ory.Identity.Browser.Tests.Support;

/// <summary>
/// The QuickStart UI's forms as a person fills them, by its DOM contract (samples/Ory.Identity.QuickStart/README.md):
/// the method group's form (<c>ui/form/password</c>), inputs by node name, its submit button.
/// </summary>
internal static class UiForms
{
    /// <summary>On the settings page: types <paramref name="password"/> into the password form and submits it.</summary>
    public static async Task SetPasswordAsync(IPage page, string password)
    {
        var form = page.GetByTestId("ui/form/password");
        await form.Locator("input[name=password]").FillAsync(password);
        await form.GetByRole(AriaRole.Button).ClickAsync();
    }

    /// <summary>On the login page: types the identifier and password into the password form and submits it.</summary>
    public static async Task SignInAsync(IPage page, string identifier, string password)
    {
        var form = page.GetByTestId("ui/form/password");
        await form.Locator("input[name=identifier]").FillAsync(identifier);
        await form.Locator("input[name=password]").FillAsync(password);
        await form.GetByRole(AriaRole.Button).ClickAsync();
    }
}
