# Project-local IPython configuration (the Makefile sets IPYTHONDIR to this folder's parent).
import logging

# ipykernel 7 warns "Kernel is running over TCP without encryption" whenever its connection file
# says tcp and gives no CurveZMQ key. The tests start their kernels over ipc (a socket file, no
# port to race for and nothing on the network: tests/conftest.py KERNEL_IPC), where the notice is
# not written; the book build's kernels are started by jupyter-cache through nbclient, which takes
# no kernel manager settings, so they are local tcp kernels. For them that one notice is dropped:
# every other message of the kernel, warnings included, is still written.


class _NoTcpNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Kernel is running over TCP without encryption")


logging.getLogger("IPKernelApp").addFilter(_NoTcpNotice())

# ipykernel 7 can lose a race at shutdown: it publishes its last "idle" status on a control socket
# that is already closed and logs "Uncaught exception in ZMQStream callback ... ZMQError: Socket
# operation on non-socket" through tornado, after the notebook has finished and its outputs are
# saved. Seen once in four cold builds here. Only that logger is quieted, and only in kernels
# started with this configuration; cell errors still fail the build through nbclient.
logging.getLogger("tornado.general").setLevel(logging.CRITICAL)
