"""The real client's `hummingbot.client.config.config_crypt`, for the test image.

Same module path, names and file format as the client (an Ethereum v3 keyfile, hex-encoded JSON, the word
"HummingBot" as the password check), so a profile written with either is read by the other. The client
builds on eth_keyfile; this builds the same construction on pycryptodome, which Debian packages.
"""
import binascii
import hashlib
import json
import os
from abc import ABC, abstractmethod

from Cryptodome.Cipher import AES
from Cryptodome.Hash import keccak as keccak_hash
from Cryptodome.Util import Counter

from hummingbot.client.settings import CONF_DIR_PATH

PASSWORD_VERIFICATION_WORD = "HummingBot"
PASSWORD_VERIFICATION_PATH = CONF_DIR_PATH / ".password_verification"
DKLEN = 32
PBKDF2_WORK_FACTOR = 1000000  # eth_keyfile's default for pbkdf2


def keccak(data):
    return keccak_hash.new(data=data, digest_bits=256).digest()


def aes_ctr(data, key, iv):
    return AES.new(key, AES.MODE_CTR, counter=Counter.new(128, initial_value=iv)).encrypt(data)


class BaseSecretsManager(ABC):
    def __init__(self, password: str):
        self._password = password

    @abstractmethod
    def encrypt_secret_value(self, attr: str, value: str):
        pass

    @abstractmethod
    def decrypt_secret_value(self, attr: str, value: str) -> str:
        pass


class ETHKeyFileSecretManger(BaseSecretsManager):
    def encrypt_secret_value(self, attr: str, value: str):
        if self._password is None:
            raise ValueError(f"Could not encrypt secret attribute {attr} because no password was provided.")
        keyfile_json = _create_v3_keyfile_json(value.encode(), self._password.encode())
        return binascii.hexlify(json.dumps(keyfile_json).encode()).decode()

    def decrypt_secret_value(self, attr: str, value: str) -> str:
        if self._password is None:
            raise ValueError(f"Could not decrypt secret attribute {attr} because no password was provided.")
        keyfile = json.loads(binascii.unhexlify(value).decode())
        return _decode_keyfile_json(keyfile, self._password.encode()).decode()


def store_password_verification(secrets_manager: BaseSecretsManager):
    encrypted_word = secrets_manager.encrypt_secret_value(PASSWORD_VERIFICATION_WORD, PASSWORD_VERIFICATION_WORD)
    with open(PASSWORD_VERIFICATION_PATH, "w") as f:
        f.write(encrypted_word)


def validate_password(secrets_manager: BaseSecretsManager) -> bool:
    valid = False
    with open(PASSWORD_VERIFICATION_PATH, "r") as f:
        encrypted_word = f.read()
    try:
        decrypted_word = secrets_manager.decrypt_secret_value(PASSWORD_VERIFICATION_WORD, encrypted_word)
        valid = decrypted_word == PASSWORD_VERIFICATION_WORD
    except ValueError as e:
        if str(e) != "MAC mismatch":
            raise e
    return valid


def _create_v3_keyfile_json(message_to_encrypt, password, work_factor=PBKDF2_WORK_FACTOR):
    salt = os.urandom(16)
    derived_key = hashlib.pbkdf2_hmac("sha256", password, salt, work_factor, DKLEN)
    iv = int.from_bytes(os.urandom(16), "big")
    ciphertext = aes_ctr(message_to_encrypt, derived_key[:16], iv)
    mac = keccak(derived_key[16:32] + ciphertext)
    return {
        "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": {"iv": iv.to_bytes((iv.bit_length() + 7) // 8 or 1, "big").hex()},
            "ciphertext": ciphertext.hex(),
            "kdf": "pbkdf2",
            "kdfparams": {"c": work_factor, "dklen": DKLEN, "prf": "hmac-sha256", "salt": salt.hex()},
            "mac": mac.hex(),
        },
        "version": 3,
        "alias": "",
    }


def _decode_keyfile_json(keyfile, password):
    crypto = keyfile.get("crypto") or keyfile["Crypto"]
    params = crypto["kdfparams"]
    salt = bytes.fromhex(params["salt"])
    if crypto["kdf"] == "pbkdf2":
        derived_key = hashlib.pbkdf2_hmac("sha256", password, salt, params["c"], params["dklen"])
    elif crypto["kdf"] == "scrypt":
        derived_key = hashlib.scrypt(password, salt=salt, n=params["n"], r=params["r"], p=params["p"],
                                     dklen=params["dklen"], maxmem=2 ** 31 - 1)
    else:
        raise TypeError(f"Unsupported key derivation function: {crypto['kdf']}")
    ciphertext = bytes.fromhex(crypto["ciphertext"])
    if keccak(derived_key[16:32] + ciphertext) != bytes.fromhex(crypto["mac"]):
        raise ValueError("MAC mismatch")
    return aes_ctr(ciphertext, derived_key[:16], int(crypto["cipherparams"]["iv"], 16))
