import Foundation

/// Filters for listing containers and events, encoded the way the engine expects (`{"label":["k=v"]}`).
public struct DockerFilters: Sendable, Equatable {
    public private(set) var values: [String: [String]] = [:]

    public init() {}

    public func adding(_ key: String, _ value: String) -> DockerFilters {
        var copy = self
        copy.values[key, default: []].append(value)
        return copy
    }

    public func label(_ key: String, _ value: String? = nil) -> DockerFilters {
        adding("label", value.map { "\(key)=\($0)" } ?? key)
    }

    public func name(_ name: String) -> DockerFilters { adding("name", name) }
    public func ancestor(_ image: String) -> DockerFilters { adding("ancestor", image) }
    public func container(_ idOrName: String) -> DockerFilters { adding("container", idOrName) }
    public func type(_ type: String) -> DockerFilters { adding("type", type) }
    public func event(_ action: String) -> DockerFilters { adding("event", action) }

    var queryValue: String? {
        guard !values.isEmpty, let data = try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])
        else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

    func query() -> [(String, String)] {
        queryValue.map { [("filters", $0)] } ?? []
    }
}
