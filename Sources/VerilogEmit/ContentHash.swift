import Hashing

/// SHA-256 of bytes or text, as lowercase hex: the source hash in emitted headers and
/// manifests and the key of Cosim's build cache.
package enum ContentHash {
  /// The SHA-256 digest of `text` (UTF-8), 64 hex digits.
  package static func sha256(_ text: String) -> String { sha256(Array(text.utf8)) }

  /// The SHA-256 digest of `bytes`, 64 hex digits.
  package static func sha256(_ bytes: [UInt8]) -> String {
    var hash = SHA256()
    hash.update(bytes)
    return hash.hexDigest()
  }
}
