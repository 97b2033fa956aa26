using System.Text.Json;

namespace Ory.Identity;

/// <content>The fast path: a <see cref="FastTraitsValidator"/> walk, which answers only when it is sure.</content>
internal static partial class TraitsValidator
{
    // False: the walk is not sure (the traits may be invalid, or use a literal it does not judge); the authoritative path
    // then runs in the same scope, and what the walk left in the scope's buffers is emptied before it is used again.
    private static bool TryValidateFast(
        IdentitySchema schema, FastTraitsValidator fast, JsonElement traits, PhoneRewrite rewrite, ValidationScope scope, out TraitsDerivation derivation)
    {
        if (rewrite == PhoneRewrite.Applied || !schema.Plan.HasSmsMarks)
        {
            // No phone to rewrite: the walk hands each hit to the deriver as it finds it.
            var deriver = scope.EmptyDeriver();
            if (fast.TryValidate(traits, scope, deriver))
            {
                derivation = deriver.Finish(traits);
                return true;
            }

            derivation = default;
            return false;
        }

        if (!fast.TryValidate(traits, scope, out var hits))
        {
            derivation = default;
            return false;
        }

        if (hits is null)
        {
            derivation = Derive(traits, [], scope);
        }
        else if (RewritePhones(traits, hits) is { } rewritten)
        {
            derivation = Validate(schema, rewritten, ValidationPath.FastThenAuthoritative, PhoneRewrite.Applied, scope);
        }
        else
        {
            derivation = Derive(traits, hits, scope);
        }

        return true;
    }
}
