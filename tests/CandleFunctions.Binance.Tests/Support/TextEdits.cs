using System.Text;
using CsCheck;

namespace CandleFunctions.Tests.Shared;

/// <summary>
/// Small random edits to a text (insert, delete or replace one character from a chosen set): how hands, tools and
/// crashes damage rows. Shared by the tests that hold a fast reader to its general one.
/// </summary>
public static class TextEdits
{
    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> edits with characters from <paramref name="characters"/>.</summary>
    public static Gen<(int Kind, int At, char Character)[]> Of(string characters, int min, int max) =>
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 100_000], Gen.Char[characters]).Array[min, max];

    /// <summary><paramref name="text"/> with <paramref name="edits"/> applied in order (positions wrap to the text).</summary>
    public static string Apply(string text, (int Kind, int At, char Character)[] edits)
    {
        var edited = new StringBuilder(text);
        foreach (var (kind, at, c) in edits)
        {
            var i = at % (edited.Length + 1);
            if (kind == 0)
                edited.Insert(i, c);
            else if (i < edited.Length && kind == 1)
                edited.Remove(i, 1);
            else if (i < edited.Length)
                edited[i] = c;
        }
        return edited.ToString();
    }
}
