# Project-local IPython configuration (the Makefile sets IPYTHONDIR to this folder's parent).
# ipykernel 7 logs "Kernel is running over TCP without encryption" for every notebook; it is
# informational on a local build, so only errors are logged.
c.IPKernelApp.log_level = "ERROR"  # noqa: F821

# ipykernel 7 can lose a race at shutdown: it publishes its last "idle" status on a control socket
# that is already closed and logs "Uncaught exception in ZMQStream callback ... ZMQError: Socket
# operation on non-socket" through tornado, after the notebook has finished and its outputs are
# saved. Seen once in four cold builds here. Only that logger is quieted, and only in kernels
# started with this configuration; cell errors still fail the build through nbclient.
import logging  # noqa: E402

logging.getLogger("tornado.general").setLevel(logging.CRITICAL)
