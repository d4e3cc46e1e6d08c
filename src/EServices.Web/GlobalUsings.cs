// The domain is the vocabulary of the whole portal: every layer above it may name its types.
global using EServices.Web.Domain.Accounts;
global using EServices.Web.Domain.Catalogue;
global using EServices.Web.Domain.Competitions;
global using EServices.Web.Domain.Documents;
global using EServices.Web.Domain.Forms;
global using EServices.Web.Domain.Messaging;
global using EServices.Web.Domain.Payments;
global using EServices.Web.Domain.Records;
global using EServices.Web.Domain.Requests;

// What most files of a web feature open; LayeringTests reads the compiled code, so these hide no dependency from it.
global using System.Security.Claims;
global using EServices.Web.Data;
global using EServices.Web.Infrastructure;
global using Microsoft.AspNetCore.Authorization;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
