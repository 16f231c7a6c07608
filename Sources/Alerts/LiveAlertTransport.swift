import AsyncHTTPClient
import Foundation
import HBModel
import NIOCore
import Subprocess

/// Posts webhooks over HTTP(S) and hands mail to the host's `sendmail`.
public struct LiveAlertTransport: AlertTransport {
    /// This machine's name, said in every message.
    public let host: String
    /// The program that takes a mail on its standard input (`sendmail -t`), and its own arguments.
    public let sendmail: [String]

    public init(host: String, sendmail: [String] = ["/usr/sbin/sendmail"]) {
        self.host = host
        self.sendmail = sendmail
    }

    public func deliver(_ notice: AlertNotice, to target: AlertTarget, heldBack: Int) async throws(AlertDeliveryFailure)
    {
        switch target.format {
        case .mail:
            try await mail(AlertPayload.mail(notice, to: target.address ?? "", host: host, heldBack: heldBack))
        case .plain, .slack, .discord, .telegram:
            guard let url = target.url else {
                throw AlertDeliveryFailure(target.missingAddress ?? "no webhook address", permanent: true)
            }
            try await post(AlertPayload.body(notice, for: target, host: host, heldBack: heldBack), to: url)
        }
    }

    private func post(_ body: Data, to url: String) async throws(AlertDeliveryFailure) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "hbdeck")
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            status = response.status.code
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            // AsyncHTTPClient's errors name no address, but a wrapped one might: the address never goes out.
            throw AlertDeliveryFailure(Self.hiding(url, in: Self.plain("\(error)")))
        }
        guard (200..<300).contains(status) else {
            // Too many requests, a timeout and the server's own trouble may pass; any other refusal will not.
            let passing = status == 408 || status == 429 || status >= 500
            throw AlertDeliveryFailure("HTTP \(status)", permanent: !passing)
        }
    }

    private func mail(_ message: String) async throws(AlertDeliveryFailure) {
        guard let program = sendmail.first else { throw AlertDeliveryFailure("no sendmail program", permanent: true) }
        do {
            let result = try await Subprocess.run(
                .path(.init(program)), arguments: Arguments(Array(sendmail.dropFirst()) + ["-t"]),
                input: .string(message), output: .discarded, error: .string(limit: 64 * 1024))
            guard result.terminationStatus.isSuccess else {
                let said = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
                throw AlertDeliveryFailure(
                    "\(program) ended with \(result.terminationStatus)" + (said.isEmpty ? "" : ": \(said)"))
            }
        } catch let failure as AlertDeliveryFailure {
            throw failure
        } catch {
            throw AlertDeliveryFailure("cannot run \(program): \(error)")
        }
    }

    /// AsyncHTTPClient's words for the usual failures, as an operator says them.
    static func plain(_ error: String) -> String {
        if error.contains("Connection refused") { return "connection refused" }
        if error.contains("deadlineExceeded") || error.contains("connectTimeout") { return "no answer within 10 s" }
        if error.contains("NXDOMAIN") || error.contains("lookup") { return "the host name does not resolve" }
        return error
    }

    static func hiding(_ url: String, in text: String) -> String {
        SecretMask.maskURLCredentials(text.replacingOccurrences(of: url, with: "the webhook"))
    }
}
