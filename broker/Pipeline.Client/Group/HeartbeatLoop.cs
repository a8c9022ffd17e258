using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Client.Threading;
using Pipeline.Protocol;
using Pipeline.Protocol.Messages;

namespace Pipeline.Client.Group;

/// <summary>
/// The member's own task (Kafka's HeartbeatThread): while the member is stable it heartbeats every
/// heartbeat.interval.ms, notices a rebalance (REBALANCE_IN_PROGRESS) or a lost membership
/// (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID), forgets a coordinator that has not
/// answered for a session timeout, and leaves the group when the application has not polled for
/// the rebalance timeout (max.poll.interval.ms), so its partitions move on without it.
/// It never runs protocol callbacks; it only changes the member's state and wakes the poller.
/// </summary>
internal sealed class HeartbeatLoop
{
    private readonly GroupMember _member;
    private readonly GroupMembership _membership;
    private readonly GroupMemberOptions _options;
    private readonly CoordinatorLink _coordinator;
    private readonly ILogger _log;
    private readonly AsyncSignal _wake = new();
    private Task? _loop;

    public HeartbeatLoop(GroupMember member, GroupMembership membership, GroupMemberOptions options, CoordinatorLink coordinator, ILogger log)
    {
        _member = member;
        _membership = membership;
        _options = options;
        _coordinator = coordinator;
        _log = log;
    }

    public void Start(CancellationToken stop) => _loop ??= Task.Run(() => RunAsync(stop), CancellationToken.None);

    public void Wake() => _wake.Set();

    public async Task StopAsync()
    {
        _wake.Set();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var plan = _membership.PlanHeartbeat(Stopwatch.GetTimestamp());
                switch (plan.Action)
                {
                    case HeartbeatAction.PollExpired:
                        await _member.OnPollTimeoutAsync(plan.SincePoll).ConfigureAwait(false);
                        continue;
                    case HeartbeatAction.SessionExpired:
                        _coordinator.MarkUnknown("no heartbeat answered within session.timeout.ms");
                        break;
                    case HeartbeatAction.Send:
                        _ = SendAsync(plan.Generation, stop);
                        break;
                }

                await _wake.WaitAsync(plan.Wait, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                GroupLog.HeartbeatLoopFailed(_log, _options.GroupId, e);
                await Task.Delay(_options.RetryBackoff, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SendAsync(GroupGeneration generation, CancellationToken stop)
    {
        var error = ErrorCode.None;
        try
        {
            if (!await _coordinator.EnsureKnownAsync(Deadline.After(_options.HeartbeatInterval), stop).ConfigureAwait(false))
            {
                error = ErrorCode.CoordinatorNotAvailable;
                return;
            }

            var (response, _) = await _coordinator.SendAsync<HeartbeatResponse>(ApiKey.Heartbeat, _ => new HeartbeatRequest
            {
                GroupId = _options.GroupId,
                GenerationId = generation.GenerationId,
                MemberId = generation.MemberId,
                GroupInstanceId = _options.GroupInstanceId,
            }, null, stop).ConfigureAwait(false);
            error = (ErrorCode)response.ErrorCode;
            _coordinator.HandleError(error);
        }
        catch (KafkaException e)
        {
            error = e.Code;
        }
        catch (OperationCanceledException)
        {
            error = ErrorCode.RequestTimedOut;
        }
        finally
        {
            if (error != ErrorCode.None)
            {
                GroupLog.HeartbeatError(_log, _options.GroupId, ErrorCodes.Name(error));
            }

            if (_membership.OnHeartbeatAnswer(generation, error))
            {
                _membership.Wakeup?.Invoke();
            }

            _wake.Set();
        }
    }
}
