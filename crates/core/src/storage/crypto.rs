//! Encryption at rest, with age. A workbook that is encrypted has a key
//! file, `<key>.key.age`: a fresh X25519 identity, itself encrypted with
//! the person's passphrase (scrypt). Unlocking costs one scrypt, once per
//! start; after that the identity, kept in memory only, encrypts every
//! save quickly: the workbook file as a whole, and each journal line on
//! its own (so saves can still append).

use age::secrecy::{ExposeSecret, SecretString};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::StoreError;

/// How every age file starts; a workbook or backup that starts so is
/// encrypted.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// How an encrypted journal line starts.
pub const LINE_PREFIX: &str = "age:";

/// An unlocked workbook's keys.
pub struct Cipher {
    identity: age::x25519::Identity,
    recipient: age::x25519::Recipient,
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a key.
        f.write_str("Cipher(..)")
    }
}

impl Cipher {
    /// New keys for a workbook being encrypted, and the key file's bytes
    /// locking them with `passphrase`.
    pub fn create(passphrase: &SecretString) -> Result<(Self, Vec<u8>), StoreError> {
        let identity = age::x25519::Identity::generate();
        let mut lock = age::scrypt::Recipient::new(passphrase.clone());
        if let Some(log_n) = test_work_factor() {
            lock.set_work_factor(log_n);
        }
        let key_file = age::encrypt(&lock, identity.to_string().expose_secret().as_bytes())
            .map_err(|e| StoreError::Crypto(e.to_string()))?;
        let recipient = identity.to_public();
        Ok((
            Self {
                identity,
                recipient,
            },
            key_file,
        ))
    }

    /// The keys in a key file, with the person's passphrase. A wrong
    /// passphrase is [`StoreError::WrongPassphrase`].
    pub fn unlock(key_file: &[u8], passphrase: &SecretString) -> Result<Self, StoreError> {
        let mut lock = age::scrypt::Identity::new(passphrase.clone());
        if let Some(log_n) = test_work_factor() {
            lock.set_max_work_factor(log_n.max(22));
        }
        let secret = age::decrypt(&lock, key_file).map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                StoreError::WrongPassphrase
            }
            other => StoreError::Crypto(other.to_string()),
        })?;
        let text = String::from_utf8(secret)
            .map_err(|_| StoreError::Crypto("the key file is damaged".into()))?;
        let identity: age::x25519::Identity = text
            .trim()
            .parse()
            .map_err(|_| StoreError::Crypto("the key file is damaged".into()))?;
        let recipient = identity.to_public();
        Ok(Self {
            identity,
            recipient,
        })
    }

    pub fn encrypt(&self, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
        age::encrypt(&self.recipient, plain).map_err(|e| StoreError::Crypto(e.to_string()))
    }

    pub fn decrypt(&self, sealed: &[u8]) -> Result<Vec<u8>, StoreError> {
        age::decrypt(&self.identity, sealed).map_err(|e| StoreError::Crypto(e.to_string()))
    }

    /// One journal line, sealed: `age:` and the ciphertext in base64.
    pub fn seal_line(&self, line: &str) -> Result<String, StoreError> {
        Ok(format!(
            "{LINE_PREFIX}{}",
            STANDARD.encode(self.encrypt(line.as_bytes())?)
        ))
    }

    /// A journal line as written: sealed lines are opened, plain ones (a
    /// journal from before encryption) pass through.
    pub fn open_line(&self, line: &str) -> Result<String, StoreError> {
        match line.strip_prefix(LINE_PREFIX) {
            Some(sealed) => {
                let bytes = STANDARD
                    .decode(sealed.trim())
                    .map_err(|_| StoreError::Crypto("a journal line is damaged".into()))?;
                String::from_utf8(self.decrypt(&bytes)?)
                    .map_err(|_| StoreError::Crypto("a journal line is damaged".into()))
            }
            None => Ok(line.to_string()),
        }
    }
}

impl Cipher {
    /// The public half of the key, as age writes it (`age1…`): what a
    /// person's private items are sealed to, so they can be sealed again
    /// at every save without their passphrase.
    pub fn recipient_text(&self) -> String {
        self.recipient.to_string()
    }

    /// Opens what [`seal_to`] sealed for this key.
    pub fn open_text(&self, sealed: &str) -> Result<String, StoreError> {
        let bytes = STANDARD
            .decode(sealed.trim())
            .map_err(|_| StoreError::Crypto("a sealed item is damaged".into()))?;
        String::from_utf8(self.decrypt(&bytes)?)
            .map_err(|_| StoreError::Crypto("a sealed item is damaged".into()))
    }
}

/// Seals `plain` to one person's public key (`age1…`), as base64: only
/// the holder of the matching key (behind their passphrase) can open it.
pub fn seal_to(recipient: &str, plain: &str) -> Result<String, StoreError> {
    let recipient: age::x25519::Recipient = recipient
        .parse()
        .map_err(|_| StoreError::Crypto("a person's key is damaged".into()))?;
    let sealed = age::encrypt(&recipient, plain.as_bytes())
        .map_err(|e| StoreError::Crypto(e.to_string()))?;
    Ok(STANDARD.encode(sealed))
}

pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Tests can make scrypt cheap (`TRUSTWORK_TEST_SCRYPT_LOG_N`), in debug
/// builds only; real use always gets age's tuned work factor.
fn test_work_factor() -> Option<u8> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("TRUSTWORK_TEST_SCRYPT_LOG_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| (1..30).contains(n))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn keys_unlock_with_the_passphrase_only() {
        // SAFETY of speed: a low work factor for the test.
        let (cipher, key_file) = Cipher::create(&pass("correct horse")).unwrap();
        assert!(is_sealed(&key_file));
        let sealed = cipher.encrypt(b"secret words").unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("secret"));
        let again = Cipher::unlock(&key_file, &pass("correct horse")).unwrap();
        assert_eq!(again.decrypt(&sealed).unwrap(), b"secret words");
        assert!(matches!(
            Cipher::unlock(&key_file, &pass("wrong")),
            Err(StoreError::WrongPassphrase)
        ));
    }

    #[test]
    fn journal_lines_are_sealed_one_by_one() {
        let (cipher, _) = Cipher::create(&pass("p")).unwrap();
        let line = cipher.seal_line("{\"body\":\"secret\"}").unwrap();
        assert!(line.starts_with(LINE_PREFIX) && !line.contains("secret"));
        assert!(!line.contains('\n'));
        assert_eq!(cipher.open_line(&line).unwrap(), "{\"body\":\"secret\"}");
        assert_eq!(cipher.open_line("{\"plain\":1}").unwrap(), "{\"plain\":1}");
    }
}
