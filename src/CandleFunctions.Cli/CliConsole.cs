using Spectre.Console;

namespace CandleFunctions.Cli;

/// <summary>Where the command writes: stdout and stderr, and whether a person is watching a terminal.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive, IAnsiConsole Ansi)
{
    /// <summary>The process's console; Spectre's is made on first use (most runs print plain lines and never need it).</summary>
    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected, new LazyAnsiConsole());

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

/// <summary><see cref="AnsiConsole.Console"/>, created when first used: making it costs about 20 ms of every start.</summary>
internal sealed class LazyAnsiConsole : IAnsiConsole
{
    private static IAnsiConsole Inner => AnsiConsole.Console;

    public Profile Profile => Inner.Profile;

    public IAnsiConsoleCursor Cursor => Inner.Cursor;

    public IAnsiConsoleInput Input => Inner.Input;

    public IExclusivityMode ExclusivityMode => Inner.ExclusivityMode;

    public Spectre.Console.Rendering.RenderPipeline Pipeline => Inner.Pipeline;

    public void Clear(bool home) => Inner.Clear(home);

    public void Write(Spectre.Console.Rendering.IRenderable renderable) => Inner.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => Inner.WriteAnsi(action);
}
