import Foundation

/// Folds every bot's telemetry into `BotRecord`s. Fed in broker order by one task.
public actor TelemetryHub {
    public let namespace: String
    /// Bots kept at most: anyone who can publish can invent instance ids, and each costs a record.
    public static let maxRecords = 2_000
    private var records: [String: BotRecord] = [:]
    /// Messages on the namespace's topics that did not decode, all bots together.
    public private(set) var decodeFailures = 0
    /// Messages for a new instance id that found no room (`maxRecords`), dropped.
    public private(set) var refusedInstances = 0
    /// Counts every message taken in, so a reader can tell whether anything changed since it last looked.
    public private(set) var messagesTaken = 0

    public init(namespace: String = "hbot") {
        self.namespace = namespace
    }

    /// Returns the decoded telemetry, or nil when the message was not for a bot or did not decode.
    @discardableResult
    public func ingest(_ message: MQTTMessage, receivedAt: Double = Date().timeIntervalSince1970) -> (
        String, BotTelemetry
    )? {
        messagesTaken += 1
        switch TelemetryDecoder.decode(message, namespace: namespace) {
        case nil:
            return nil
        case .failure(let failure)?:
            decodeFailures += 1
            guard hasRoom(for: failure.instanceID) else { return nil }
            records[failure.instanceID, default: BotRecord(instanceID: failure.instanceID)].decodeFailures += 1
            return nil
        case .success(let decoded)?:
            let instance = decoded.instanceID
            guard hasRoom(for: instance) else { return nil }
            var record = records.removeValue(forKey: instance) ?? BotRecord(instanceID: instance)
            record.liveness.record(decoded.telemetry, receivedAt: receivedAt)
            record.activity.apply(decoded.telemetry, receivedAt: receivedAt)
            record.droppedFields += decoded.droppedFields
            records[instance] = record
            return (instance, decoded.telemetry)
        }
    }

    /// Several messages in order, in one call: what decoded, in order.
    public func ingest(_ messages: [MQTTMessage], receivedAt: Double = Date().timeIntervalSince1970) -> [(
        String, BotTelemetry
    )] {
        messages.compactMap { ingest($0, receivedAt: receivedAt) }
    }

    private func hasRoom(for instance: String) -> Bool {
        if records[instance] != nil || records.count < Self.maxRecords { return true }
        refusedInstances += 1
        return false
    }

    /// The link to the broker was down from `gapStart` until now: what was heard before is uncertain.
    public func linkGap(from gapStart: Double) {
        for id in records.keys { records[id]?.activity.linkGap(from: gapStart) }
    }

    public func record(_ instanceID: String) -> BotRecord? { records[instanceID] }

    public func snapshot() -> [String: BotRecord] { records }

    /// The records, after telling each bot's record when its container's current run started: what was
    /// heard before belongs to an earlier run and no longer counts (liveness, per-run figures).
    public func snapshot(runsStartedAt starts: [String: Double]) -> [String: BotRecord] {
        for (instance, startedAt) in starts {
            records[instance]?.startRun(at: startedAt)
        }
        return records
    }
}
