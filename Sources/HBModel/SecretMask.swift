/// Hides secret values (API keys, CONFIG_PASSWORD, MQTT passwords) wherever a value is shown or logged.
///
/// A value is hidden when its name contains PASS, SECRET, TOKEN, KEY, CREDENTIAL or PRIVATE (any case,
/// anywhere in the name: `MY_CONFIG_PASS`, `binance_api_key`), and the password of any URL with
/// credentials (`postgres://user:••••@host`) is hidden whatever its name.
public enum SecretMask {
    public static let mask = "••••"

    private static let secretWords = ["PASS", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE"]

    public static func isSecret(key: String) -> Bool {
        let upper = key.uppercased()
        return secretWords.contains { upper.contains($0) }
    }

    /// `KEY=value` with the value masked when the key names a secret, else with URL passwords masked.
    public static func maskEnvironmentEntry(_ entry: String) -> String {
        guard let equals = entry.firstIndex(of: "=") else { return maskURLCredentials(entry) }
        let key = String(entry[..<equals])
        return key + "=" + maskValue(String(entry[entry.index(after: equals)...]), key: key)
    }

    public static func maskLabels(_ labels: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: labels.map { ($0.key, maskValue($0.value, key: $0.key)) })
    }

    public static func maskValue(_ value: String, key: String) -> String {
        isSecret(key: key) ? mask : maskURLCredentials(value)
    }

    /// `scheme://user:password@host` → `scheme://user:••••@host`, wherever it stands in `text`.
    public static func maskURLCredentials(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == " " || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[...colon] + mask + authority[at...]
                rest = rest[authorityEnd...]
            }
        }
        return out + rest
    }
}
