# Project-local IPython configuration (the Makefile sets IPYTHONDIR to this folder's parent).
# ipykernel 7 logs "Kernel is running over TCP without encryption" for every notebook; it is
# informational on a local build, so only errors are logged.
c.IPKernelApp.log_level = "ERROR"  # noqa: F821
