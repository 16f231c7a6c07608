import CMosquitto
import Foundation

/// An MQTT 3.1.1 client on libmosquitto. libmosquitto's own thread does the network work and
/// reconnects with capped backoff; subscriptions are restored on every reconnect.
///
/// Messages arrive in order and wait, bounded, until taken (`arrivals`, `takeMessages`): what does not fit
/// is dropped and counted.
public actor MQTTClient {
    public nonisolated let settings: MQTTSettings
    private let inbox: MQTTInbox
    private var handle: OpaquePointer?
    private var retained: Unmanaged<MQTTInbox>?

    /// Rings when messages are waiting; `takeMessages` then hands them all over, in broker order.
    public nonisolated var arrivals: AsyncStream<Void> { inbox.doorbell }

    /// Every message waiting, oldest first; taking them frees their place in the bounds.
    public nonisolated func takeMessages() -> [MQTTMessage] { inbox.take() }
    public nonisolated var stateChanges: AsyncStream<MQTTConnectionState> { inbox.stateChanges }
    public nonisolated var state: MQTTConnectionState { inbox.state.withLock { $0 } }
    /// Messages libmosquitto delivered, and those dropped because the stream was full.
    public nonisolated var receivedCount: Int { inbox.received.load(ordering: .relaxed) }
    public nonisolated var droppedCount: Int { inbox.dropped.load(ordering: .relaxed) }

    private static let libraryReady: Bool = {
        mosquitto_lib_init()
        return true
    }()

    public init(settings: MQTTSettings, bufferSize: Int = 50_000) {
        self.settings = settings
        self.inbox = MQTTInbox(bufferSize: bufferSize)
    }

    /// Starts connecting in the background; returns at once. Watch `state` or `stateChanges`.
    public func start() throws {
        guard handle == nil else { return }
        _ = Self.libraryReady
        let retained = Unmanaged.passRetained(inbox)
        guard let mosq = mosquitto_new(settings.clientID, true, retained.toOpaque()) else {
            retained.release()
            throw MQTTError(operation: "setup", code: -1, message: "mosquitto_new failed")
        }
        self.handle = mosq
        self.retained = retained
        mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, Int32(MQTT_PROTOCOL_V311))
        mosquitto_connect_callback_set(mosq, onConnect)
        mosquitto_disconnect_callback_set(mosq, onDisconnect)
        mosquitto_message_callback_set(mosq, onMessage)
        mosquitto_reconnect_delay_set(
            mosq, UInt32(settings.reconnectDelay.lowerBound), UInt32(settings.reconnectDelay.upperBound), true)
        if let username = settings.username {
            try check(mosquitto_username_pw_set(mosq, username, settings.password), "credentials")
        }
        if let caFile = settings.caFile {
            try check(mosquitto_tls_set(mosq, caFile, nil, nil, nil, nil), "TLS setup")
        }
        inbox.setState(.connecting)
        // The thread must run before the first connect: started after a failed one, it never retries
        // (libmosquitto issues #1903 and #2576).
        try check(mosquitto_loop_start(mosq), "start")
        let rc = mosquitto_connect_async(mosq, settings.host, Int32(settings.port), Int32(settings.keepAliveSeconds))
        if rc != MOSQ_ERR_SUCCESS.rawValue {
            // The network thread keeps retrying; say why the first attempt failed.
            inbox.setState(.disconnected(reason: Self.describe(rc), since: Date().timeIntervalSince1970))
        }
    }

    /// Subscribes now (when connected) and after every reconnect.
    public func subscribe(_ topic: String, qos: Int32 = 0) throws {
        inbox.subscriptions.withLock { $0[topic] = qos }
        guard let handle, state.isConnected else { return }
        try check(mosquitto_subscribe(handle, nil, topic, qos), "subscribe \(topic)")
    }

    public func publish(_ topic: String, payload: [UInt8], qos: Int32 = 0, retain: Bool = false) throws {
        guard let handle else { throw MQTTError(operation: "publish", code: -1, message: "not started") }
        let rc = payload.withUnsafeBytes { bytes in
            mosquitto_publish(handle, nil, topic, Int32(bytes.count), bytes.baseAddress, qos, retain)
        }
        try check(rc, "publish \(topic)")
    }

    /// Disconnects, joins libmosquitto's thread and ends the streams.
    public func close() {
        guard let handle else { return }
        let connected = state.isConnected
        mosquitto_disconnect(handle)
        // Connected, the thread ends once the DISCONNECT is out. Not connected, it may be between its check of
        // the state and its next reconnect, which makes it loop on, and a plain join would wait for ever (seen
        // once: `hbdeck watch` against a closed port hung): the thread is cancelled, in its sleep or connect.
        mosquitto_loop_stop(handle, !connected)
        mosquitto_destroy(handle)
        self.handle = nil
        retained?.release()
        retained = nil
        inbox.setState(.closed)
        inbox.finish()
    }

    private func check(_ rc: Int32, _ operation: String) throws {
        guard rc == MOSQ_ERR_SUCCESS.rawValue else {
            throw MQTTError(operation: operation, code: rc, message: Self.describe(rc))
        }
    }

    static func describe(_ rc: Int32) -> String {
        if rc == MOSQ_ERR_ERRNO.rawValue { return String(cString: strerror(errno)) }
        return String(cString: mosquitto_strerror(rc))
    }
}

// libmosquitto calls these on its network thread. They are plain functions, not closures,
// so they carry no actor isolation; `obj` is the retained MQTTInbox.

private func inbox(_ obj: UnsafeMutableRawPointer?) -> MQTTInbox? {
    obj.map { Unmanaged<MQTTInbox>.fromOpaque($0).takeUnretainedValue() }
}

private func onConnect(_ mosq: OpaquePointer?, _ obj: UnsafeMutableRawPointer?, _ rc: Int32) {
    guard let inbox = inbox(obj) else { return }
    guard rc == 0 else {
        inbox.setState(
            .disconnected(reason: String(cString: mosquitto_connack_string(rc)), since: Date().timeIntervalSince1970))
        return
    }
    for (topic, qos) in inbox.subscriptions.withLock({ $0 }) {
        mosquitto_subscribe(mosq, nil, topic, qos)
    }
    inbox.setState(.connected(since: Date().timeIntervalSince1970))
}

private func onDisconnect(_ mosq: OpaquePointer?, _ obj: UnsafeMutableRawPointer?, _ rc: Int32) {
    guard let inbox = inbox(obj) else { return }
    let reason = rc == 0 ? "disconnected" : "connection lost (\(MQTTClient.describe(rc)))"
    inbox.setState(.disconnected(reason: reason, since: Date().timeIntervalSince1970))
}

private func onMessage(
    _ mosq: OpaquePointer?, _ obj: UnsafeMutableRawPointer?, _ message: UnsafePointer<mosquitto_message>?
) {
    guard let inbox = inbox(obj), let message = message?.pointee, let topic = message.topic,
        inbox.admits(size: Int(message.payloadlen))
    else { return }
    var payload: [UInt8] = []
    if let bytes = message.payload, message.payloadlen > 0 {
        payload = Array(UnsafeRawBufferPointer(start: bytes, count: Int(message.payloadlen)))
    }
    inbox.deliver(MQTTMessage(topic: String(cString: topic), payload: payload))
}
