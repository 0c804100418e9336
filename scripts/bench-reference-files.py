"""Machine reference for make bench: creates the files of a N=1000 render (as many files as given,
785 bytes each, in 3,000 folders) under the folder given, in one process, and prints the seconds it took. This VM's
file creation speed varies from hour to hour; this row says how fast it is while the render rows run."""
import os
import sys
import time

root = sys.argv[1]
files = int(sys.argv[2])
data = b"a" * 785
start = time.perf_counter()
for folder_index in range(3000):
    folder = os.path.join(root, "tgr-%d" % folder_index)
    os.mkdir(folder)
    for file_index in range(files // 3000 + (1 if folder_index < files % 3000 else 0)):
        fd = os.open(os.path.join(folder, "30-configmap-file-%d.yaml" % file_index), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
print("%.3f" % (time.perf_counter() - start))
