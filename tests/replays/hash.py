# The scenario hash, as the loader computes it: XXH3 64-bit over the file's
# bytes. Worked out here with a different implementation from the loader's
# (Python's xxhash module, or the xxhsum tool) so a replay can catch a change.
import subprocess


def scenario_hash(path):
    data = open(path, "rb").read()
    try:
        import xxhash
        return "xxh3:" + xxhash.xxh3_64_hexdigest(data)
    except ImportError:
        out = subprocess.run(["xxhsum", "-H3", path], check=True, capture_output=True, text=True).stdout
        # "XXH3 (FILE) = <hex>" (xxhsum 0.8.1), or "XXH3_<hex>  FILE" in other versions
        word = out.split()[-1] if " = " in out else out.split()[0].split("_")[-1]
        return "xxh3:" + word.lower()
