#!/usr/bin/python3
"""Builds the lean Chinese, Japanese and Korean fonts of the built-in template.

The full Noto Sans SC/TC/JP/KR fonts are 5-11 MB a weight; the template ships
each language's commonly used characters in two weights (regular, semibold),
2-4.3 MB a TrueType file, stored Brotli-compressed (1.1-1.6 MB a file, .ttf.br,
which briefing decompresses as it reads the font: src/pdf/fonts.ts) in
templates/briefing/fonts/. Rarer characters come
from the full font package when it is installed (theme.yaml lists it as an
optional family; `briefing` says which package to add).

Character sets, from the national standards that cover everyday text:
  zh-Hans  GB 2312 (6,763 hanzi)
  zh-Hant  Big5 level 1, the frequently used hanzi (5,401)
  ja       JIS X 0208 (6,355 kanji) and all kana
  ko       all 11,172 Hangul syllables and the KS X 1001 hanja (4,888)
plus, in every font, CJK punctuation, fullwidth forms and the symbols of
each standard.

Run with Debian's fonttools (apt-get install python3-fonttools) and Node
(which compresses, with its own Brotli: quality 11, font mode):
  /usr/bin/python3 scripts/subset-cjk.py
It fetches the source fonts with `npm pack` (the @expo-google-fonts
packages, OFL-1.1) into a temporary folder. The output is deterministic for
a given fonttools and package version.
"""
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

VERSION = "0.4.3"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates", "briefing", "fonts")
WEIGHTS = {"Regular": "400Regular", "SemiBold": "600SemiBold"}
# Brotli with Node's zlib (deterministic for a given Node): font mode, best quality, 16 MB window.
COMPRESS = (
    "const z = require('zlib'), fs = require('fs'); const [src, dst] = process.argv.slice(1); const b = fs.readFileSync(src);"
    " fs.writeFileSync(dst, z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_MODE]: z.constants.BROTLI_MODE_FONT,"
    " [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_LGWIN]: 24, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }));"
)


def double_byte(codec, lead, trail):
    """Every character a double-byte codec encodes with these lead and trail byte ranges."""
    out = set()
    for a in lead:
        for b in trail:
            try:
                out.add(bytes([a, b]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def common():
    chars = set()
    for lo, hi in [(0x3000, 0x303F), (0xFF01, 0xFF65), (0xFFE0, 0xFFEE), (0x2010, 0x2027), (0x2030, 0x205E),
                   (0x00B7, 0x00B7), (0x2160, 0x217F), (0x2460, 0x24FF), (0x3200, 0x32FF), (0x3300, 0x33FF)]:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return chars


def charset(lang):
    chars = common()
    if lang == "sc":
        chars |= double_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    elif lang == "tc":
        # Big5: symbols (A1-A3), then level 1 hanzi A440-C67E.
        chars |= double_byte("big5", range(0xA1, 0xA4), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
        chars |= {c for c in double_byte("big5", range(0xA4, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))
                  if c.encode("big5") <= b"\xc6\x7e"}
        chars.update(chr(c) for c in range(0x3100, 0x3130))  # Bopomofo
    elif lang == "jp":
        chars |= double_byte("euc_jp", range(0xA1, 0xF5), range(0xA1, 0xFF))
        chars.update(chr(c) for c in range(0x3040, 0x3100))  # hiragana, katakana
        chars.update(chr(c) for c in range(0x31F0, 0x3200))
    elif lang == "kr":
        chars |= double_byte("euc_kr", range(0xA1, 0xFE), range(0xA1, 0xFF))
        chars.update(chr(c) for c in range(0xAC00, 0xD7A4))  # every Hangul syllable
        chars.update(chr(c) for c in range(0x3131, 0x318F))  # compatibility jamo
    # Latin letters and digits come from Noto Sans; keep the fonts to what only they draw.
    return sorted(c for c in chars if ord(c) > 0x7F)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ["sc", "tc", "jp", "kr"]:
            pkg = f"@expo-google-fonts/noto-sans-{lang}@{VERSION}"
            tgz = subprocess.run(["npm", "pack", pkg, "--silent"], cwd=tmp, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            with tarfile.open(os.path.join(tmp, tgz)) as t:
                t.extractall(os.path.join(tmp, lang))  # an npm tarball from the registry: the package folder only
            chars = charset(lang)
            unicodes = os.path.join(tmp, f"{lang}.txt")
            with open(unicodes, "w") as f:
                f.write(",".join(f"U+{ord(c):04X}" for c in chars))
            name = "NotoSans" + lang.upper()
            for weight, folder in WEIGHTS.items():
                src = os.path.join(tmp, lang, "package", folder, f"{name}_{folder}.ttf")
                dst = os.path.join(OUT, f"{name}-{weight}.subset.ttf")
                subprocess.run([sys.executable, "-m", "fontTools.subset", src, f"--unicodes-file={unicodes}",
                                "--no-hinting", "--layout-features=*", "--name-IDs=*", "--name-languages=*",
                                "--notdef-outline", f"--output-file={dst}"], check=True)
                size = os.path.getsize(dst)
                subprocess.run(["node", "-e", COMPRESS, dst, dst + ".br"], check=True)
                os.remove(dst)
                print(f"{dst}.br: {len(chars)} characters, {size / 1e6:.1f} MB, {os.path.getsize(dst + '.br') / 1e6:.1f} MB compressed")
            shutil.copy(os.path.join(tmp, lang, "package", "LICENSE_FONT"), os.path.join(OUT, "OFL.txt"))


if __name__ == "__main__":
    main()
