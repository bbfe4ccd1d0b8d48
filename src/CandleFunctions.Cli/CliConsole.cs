using Spectre.Console;

namespace CandleFunctions.Cli;

/// <summary>Where the command writes: stdout and stderr, and whether a person is watching a terminal.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive, IAnsiConsole Ansi)
{
    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected, AnsiConsole.Console);

    /// <summary>A non-interactive console over two writers (tests, pipes).</summary>
    public static CliConsole Plain(TextWriter output, TextWriter error) =>
        new(output, error, false, AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        }));
}
