"""What every assignment may import: data loaders, plotting, and the helpers handed to students."""
