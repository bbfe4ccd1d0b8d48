using System.Text.Json;
using Microsoft.DurableTask.Entities;

namespace CandleFunctions.Tests.Fakes;

/// <summary>Entity state kept as JSON between operations, as the real backend keeps it.</summary>
internal sealed class FakeEntityState(string? json) : TaskEntityState
{
    public string? Json { get; private set; } = json;

    public override bool HasState => Json is not null;

    public override object? GetState(Type type) => Json is null ? null : JsonSerializer.Deserialize(Json, type, FakeJson.Options);

    public override void SetState(object? state) => Json = state is null ? null : JsonSerializer.Serialize(state, state.GetType(), FakeJson.Options);
}
