"""Machine reference for make bench: creates the files of a N=1000 render (as many files as given,
785 bytes each, in 3,000 folders) under the folder given and prints the seconds it took. With a
third argument, that many processes share the folders (the render writes with two threads): the
least the files alone take on this machine. This VM's file creation speed varies from hour to hour;
these rows say how fast it is while the render rows run."""
import os
import sys
import time

root = sys.argv[1]
files = int(sys.argv[2])
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 1
data = b"a" * 785


def write_folders(worker):
    for folder_index in range(worker, 3000, workers):
        folder = os.path.join(root, "tgr-%d" % folder_index)
        os.mkdir(folder)
        for file_index in range(files // 3000 + (1 if folder_index < files % 3000 else 0)):
            fd = os.open(os.path.join(folder, "30-configmap-file-%d.yaml" % file_index), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)


start = time.perf_counter()
children = []
for worker in range(1, workers):
    pid = os.fork()
    if pid == 0:
        write_folders(worker)
        os._exit(0)
    children.append(pid)
write_folders(0)
for pid in children:
    _, status = os.waitpid(pid, 0)
    if status != 0:
        sys.exit("a worker failed")
print("%.3f" % (time.perf_counter() - start))
