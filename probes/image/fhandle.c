/*
 * ek-fhandle: the open_by_handle_at(2) attempt of the host-inode-by-handle check (the
 * "Shocker" route of CAP_DAC_READ_SEARCH). Node has no binding for these syscalls.
 *
 *   ek-fhandle PATH
 *
 * PATH is a file inside the probe that lives on a file system bound from the host (e.g. the
 * /etc/hosts the runtime binds in). The helper asks for PATH's own handle (name_to_handle_at,
 * which only reports its type), then opens the ROOT directory of that file system by handle,
 * read-only (ext2/3/4 handle of type FILEID_INO32_GEN: inode 2, generation 0), lists at most
 * 64 names and closes everything. It never writes, creates or changes anything.
 *
 * Output, one line: name_to_handle=ERRNO type=N bytes=N open=ERRNO [ino=N names=a/b/c]
 * (ERRNO is 0 on success; names are separated by '/', which no file name contains).
 * Built static by `npm run build` (scripts/bundle-agent.ts) when a C compiler is present.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: ek-fhandle PATH\n", stderr);
    return 2;
  }
  /* Any descriptor on the file system serves as open_by_handle_at's mount_fd. */
  int mount_fd = open(argv[1], O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (mount_fd < 0) {
    printf("mount_fd=%d\n", errno);
    return 0;
  }
  struct { struct file_handle h; unsigned char bytes[MAX_HANDLE_SZ]; } own;
  own.h.handle_bytes = MAX_HANDLE_SZ;
  int mount_id = 0;
  int named = name_to_handle_at(AT_FDCWD, argv[1], &own.h, &mount_id, 0);
  printf("name_to_handle=%d type=%d bytes=%u", named < 0 ? errno : 0, named < 0 ? -1 : own.h.handle_type, named < 0 ? 0u : own.h.handle_bytes);

  /* The root directory of an ext2/3/4 file system: FILEID_INO32_GEN {inode 2, generation 0}. */
  struct { struct file_handle h; unsigned int fid[2]; } root;
  root.h.handle_bytes = sizeof root.fid;
  root.h.handle_type = 1;
  root.fid[0] = 2;
  root.fid[1] = 0;
  int fd = open_by_handle_at(mount_fd, &root.h, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    printf(" open=%d\n", errno);
    close(mount_fd);
    return 0;
  }
  struct stat st;
  printf(" open=0 ino=%lu names=", fstat(fd, &st) == 0 ? (unsigned long)st.st_ino : 0ul);
  DIR *dir = fdopendir(fd);
  int listed = 0;
  for (struct dirent *e; dir && listed < 64 && (e = readdir(dir)) != NULL;) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    printf("%s%s", listed++ ? "/" : "", e->d_name);
  }
  printf("\n");
  if (dir) closedir(dir);
  else close(fd);
  close(mount_fd);
  return 0;
}
