import Foundation

/// Folds every bot's telemetry into `BotRecord`s. Fed in broker order by one task.
public actor TelemetryHub {
    public let namespace: String
    public let logCapacity: Int
    private var records: [String: BotRecord] = [:]
    /// Messages on the namespace's topics that did not decode, all bots together.
    public private(set) var decodeFailures = 0
    /// Counts every message taken in, so a reader can tell whether anything changed since it last looked.
    public private(set) var messagesTaken = 0

    public init(namespace: String = "hbot", logCapacity: Int = 5000) {
        self.namespace = namespace
        self.logCapacity = logCapacity
    }

    /// Returns the decoded telemetry, or nil when the message was not for a bot or did not decode.
    @discardableResult
    public func ingest(_ message: MQTTMessage, receivedAt: Double = Date().timeIntervalSince1970) -> (String, BotTelemetry)? {
        messagesTaken += 1
        switch TelemetryDecoder.decode(message, namespace: namespace) {
        case nil:
            return nil
        case .failure(let failure)?:
            decodeFailures += 1
            records[failure.instanceID, default: BotRecord(instanceID: failure.instanceID, logCapacity: logCapacity)].decodeFailures += 1
            return nil
        case .success(let (instance, telemetry))?:
            var record = records.removeValue(forKey: instance) ?? BotRecord(instanceID: instance, logCapacity: logCapacity)
            record.liveness.record(telemetry, receivedAt: receivedAt)
            record.activity.apply(telemetry)
            records[instance] = record
            return (instance, telemetry)
        }
    }

    public func record(_ instanceID: String) -> BotRecord? { records[instanceID] }

    public func snapshot() -> [String: BotRecord] { records }
}
