using System.Text.Json;
using Microsoft.DurableTask.Entities;

namespace CandleFunctions.Tests.Fakes;

/// <summary>One entity operation whose input arrives as JSON, dispatched by the real <see cref="TaskEntity{TState}"/>.</summary>
internal sealed class FakeEntityOperation(string name, string? inputJson, FakeEntityState state, EntityInstanceId id) : TaskEntityOperation
{
    public override string Name { get; } = name;

    public override TaskEntityContext Context { get; } = new FakeEntityContext(id);

    public override TaskEntityState State { get; } = state;

    public override bool HasInput => inputJson is not null;

    public override object? GetInput(Type inputType) => inputJson is null ? null : JsonSerializer.Deserialize(inputJson, inputType, FakeJson.Options);
}
