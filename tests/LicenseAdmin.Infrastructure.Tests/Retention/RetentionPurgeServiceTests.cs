using LicenseAdmin.Infrastructure.Retention;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Tests.Retention;

public sealed class RetentionPurgeServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FailedRun_IsRolledBackAndRetriedAtTheNextInterval()
    {
        await using var database = await TestDatabase.CreateAsync();
        var scenario = new RetentionScenario(database);
        scenario.At(RetentionScenario.UserDeleted.AddDays(30));
        var runs = new FlakyDatabase();
        var purger = scenario.Purger(observer: runs);
        var options = Options.Create(new RetentionOptions { Interval = TimeSpan.FromMinutes(10) });
        using var service = new RetentionPurgeService(purger, database.Clock, options, NullLogger<RetentionPurgeService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await runs.FirstFailed.Task.WaitAsync(Wait);
        Assert.Equal(0, await scenario.PurgedMailboxesAsync());

        database.Clock.Advance(TimeSpan.FromMinutes(10));
        await runs.SecondCommitting.Task.WaitAsync(Wait);
        // The last batch commits just after the observer saw it.
        var deadline = DateTime.UtcNow + Wait;
        while (await scenario.AuditedAsync("users") == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(2, await scenario.AuditedAsync("mailboxes"));
        Assert.Equal(1, await scenario.AuditedAsync("users"));
    }

    [Fact]
    public async Task Shutdown_StopsTheServicePromptly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var purger = database.Services.GetRequiredService<RetentionPurger>();
        using var service = new RetentionPurgeService(purger, database.Clock, Options.Create(new RetentionOptions()), NullLogger<RetentionPurgeService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(service.ExecuteTask!.IsCompleted);
    }

    /// <summary>The first batch fails as a lost database connection would; later batches go through.</summary>
    private sealed class FlakyDatabase : IPurgeBatchObserver
    {
        private int _calls;

        public TaskCompletionSource FirstFailed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource SecondCommitting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task BeforeCommitAsync(PurgeBatch batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                FirstFailed.SetResult();
                throw new InvalidOperationException("Simulated database error");
            }

            if (batch.Kind == PurgeKind.DeletedUser) SecondCommitting.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
