// brainstorm
