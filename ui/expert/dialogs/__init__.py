"""The window's dialogs: choosing the expert, recusal, missing scores, shortcuts, about."""
