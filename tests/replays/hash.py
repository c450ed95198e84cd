# The scenario hash, as the loader computes it (FNV-1a 64 over the file's bytes).
def scenario_hash(path):
    h = 0xcbf29ce484222325
    for b in open(path, "rb").read():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "fnv1a64:%016x" % h
