import BotLink
import Foundation
import HBModel

/// Turns the API's HTTP statuses and FastAPI's `detail` into `APIError`.
enum APIReplyCheck {
    static func check(status: Int, body: Data, server: String) throws {
        guard !(200..<300).contains(status) else { return }
        let detail = detail(of: body)
        switch status {
        case 401: throw APIError.unauthorized(server: server)
        case 404: throw APIError.notFound(detail)
        case 422: throw APIError.invalid(detail)
        default: throw APIError.status(code: status, detail: detail)
        }
    }

    /// FastAPI's `{"detail": "…"}`, its 422 list as `body.bot_name: Field required`, or the text of a plain
    /// answer (`Internal Server Error`); one line, at most 300 characters.
    static func detail(of body: Data) -> String {
        let text: String
        if let value = try? JSONDecoder().decode(JSONValue.self, from: body), let detail = value["detail"] {
            if let list = detail.arrayValue {
                text = list.map { item in
                    let place = (item["loc"]?.arrayValue ?? []).map { $0.stringValue ?? $0.compactText }
                        .joined(separator: ".")
                    return "\(place): \(item["msg"]?.stringValue ?? item.compactText)"
                }.joined(separator: "; ")
            } else {
                text = detail.stringValue ?? detail.compactText
            }
        } else {
            text = String(decoding: body.prefix(2000), as: UTF8.self)
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return String(TerminalSafeText.sanitize(line.isEmpty ? "(no detail)" : line).prefix(300))
    }

    /// A decoding error as `data.bot.performance: expected a number`, the path first.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)).\(key.stringValue): missing"
        case .typeMismatch(let type, let context): return "\(path(context)): not a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): no \(type)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
