// epoll(7), which Swift's Glibc module does not include. Empty elsewhere: the server polls with poll(2) there.
#ifdef __linux__
#include <sys/epoll.h>
#endif
